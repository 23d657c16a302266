// SPDX-License-Identifier: Apache-2.0
// Registration only; the plugin is SentimentAnalysis.
#include "cxmap/plugin.h"
#include "sentiment_analysis.h"

using cxmap::sentiment::SentimentAnalysis;
CXMAP_ANALYSIS_PLUGIN(SentimentAnalysis, analysis_sentiment)
