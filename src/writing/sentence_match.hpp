// Picks the sentences of a product description that best match a lead, by keyword overlap: words of
// the lead's industry, job title and company against the words of each sentence (compared by their
// first five letters, so "logistics" meets "logistic" and "manufacturer" meets "manufacturing").
#pragma once
#include <string>
#include <vector>

namespace reach {

// The description split into sentences (trimmed; fragments under 20 characters dropped).
std::vector<std::string> split_sentences(const std::string& text);

// Up to `n` matching sentences, best match first (ties keep the description's order). Sentences that
// match nothing are left out, except the opening one (the first ending in . ! or ?), added when
// fewer than two sentences matched.
std::vector<std::string> best_sentences(const std::string& text, const std::vector<std::string>& lead_terms,
                                        std::size_t n);

}  // namespace reach
