// SPDX-License-Identifier: Apache-2.0
// Registration only; the plugin lives in social_feed_source.h.
#include "cxmap/plugin.h"
#include "social_feed_source.h"

using SocialFeedSource = cxmap::social::SocialFeedSource;
CXMAP_SOURCE_PLUGIN(SocialFeedSource, source_social_feed)
