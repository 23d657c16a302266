// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cxmap::social {

/// Hashtags, mentions and links found in a post's text, in order of
/// appearance, each once.
struct TextEntities {
  std::vector<std::string> hashtags;  ///< "#DogsofTwitter", "#ขายดี", "#好评" (with the sign)
  std::vector<std::string> mentions;  ///< "@PoliceMutual", "u/spez" (with the sign or prefix)
  std::vector<std::string> urls;      ///< "https://t.co/YbMgHU5xRX"
};

/// Finds entities in UTF-8 `text` (ill-formed bytes are skipped). A
/// hashtag is '#' or the full-width '＃' after a non-word character,
/// followed by letters, combining marks (Thai vowels, Vietnamese tones),
/// digits or '_' in any script, and not digits only ("#1" is not a tag).
/// A mention is '@' followed by ASCII letters, digits, '_' or '.', as the
/// platforms allow in handles, and not part of an e-mail address; Reddit's
/// "u/name" counts too. A URL starts with http:// or https:// and ends
/// before blank space, with closing punctuation trimmed. The text itself is
/// never changed. Pure function, thread-safe.
TextEntities ExtractEntities(std::string_view text);

/// `items` joined by single spaces (the form stored in attributes).
std::string JoinSpaced(const std::vector<std::string>& items);

}  // namespace cxmap::social
