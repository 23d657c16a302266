// SPDX-License-Identifier: Apache-2.0
// Registration only: the logic lives in jsonl_reviews_source.cpp.
#include "cxmap/plugin.h"
#include "jsonl_reviews_source.h"

CXMAP_SOURCE_PLUGIN(cxmap_samples::JsonlReviewsSource, source_jsonl_reviews)
