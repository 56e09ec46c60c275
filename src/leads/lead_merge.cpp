#include "leads/lead_merge.hpp"

namespace reach {

Lead merged_lead(Lead existing, const Lead& incoming) {
  if (!incoming.name.empty()) existing.name = incoming.name;
  for (std::size_t i = 0; i < kLeadTextFields.size(); ++i)
    if (incoming.fields[i]) existing.fields[i] = incoming.fields[i];
  return existing;
}

}  // namespace reach
