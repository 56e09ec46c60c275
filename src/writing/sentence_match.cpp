#include "writing/sentence_match.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace reach {
namespace {

const std::set<std::string> kStopwords = {
    "and",    "the",   "for",     "with",     "that",          "this",     "from",     "your", "you",  "are",
    "our",    "who",   "how",     "into",     "their",         "they",     "them",     "have", "has",  "was",
    "were",   "will",  "can",     "all",      "any",           "more",     "most",     "head", "lead", "senior",
    "junior", "chief", "manager", "director", "officer",       "company",  "group",    "inc",  "ltd",  "llc",
    "gmbh",   "corp",  "team",    "global",   "international", "services", "solutions"};

// Lower-cased words of 3+ letters, cut to 5 letters, without stopwords.
std::set<std::string> stems(const std::string& text) {
  std::set<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 && !kStopwords.count(word)) out.insert(word.substr(0, 5));
    word.clear();
  };
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80)
      word += static_cast<char>(std::tolower(c));
    else
      flush();
  }
  flush();
  return out;
}

}  // namespace

std::vector<std::string> split_sentences(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    auto b = current.find_first_not_of(" \t\r\n");
    auto e = current.find_last_not_of(" \t\r\n");
    if (b != std::string::npos && e - b + 1 >= 20) out.push_back(current.substr(b, e - b + 1));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      flush();
      continue;
    }
    current += c;
    bool end =
        (c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
    if (end) flush();
  }
  flush();
  return out;
}

std::vector<std::string> best_sentences(const std::string& text, const std::vector<std::string>& lead_terms,
                                        std::size_t n) {
  std::set<std::string> wanted;
  for (const auto& t : lead_terms) wanted.merge(stems(t));
  auto sentences = split_sentences(text);
  std::vector<std::pair<std::size_t, std::size_t>> scored;  // (score, index)
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    std::size_t score = 0;
    for (const auto& s : stems(sentences[i])) score += wanted.count(s);
    scored.emplace_back(score, i);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (const auto& [score, index] : scored)
    if (score > 0 && out.size() < n) out.push_back(sentences[index]);
  // Fewer than two matches: the description's opening sentence (usually what the product is) joins;
  // a title line (no closing punctuation) is not a sentence to quote.
  if (out.size() >= std::min<std::size_t>(2, n) || sentences.empty()) return out;
  auto is_sentence = [](const std::string& s) { return s.back() == '.' || s.back() == '!' || s.back() == '?'; };
  auto opening = std::find_if(sentences.begin(), sentences.end(), is_sentence);
  if (opening == sentences.end()) opening = sentences.begin();
  if (std::find(out.begin(), out.end(), *opening) == out.end()) out.push_back(*opening);
  return out;
}

}  // namespace reach
