#include "domain/campaign.hpp"

#include <stdexcept>
#include <string>

namespace reach {

std::string_view run_status_name(RunStatus s) {
  switch (s) {
    case RunStatus::running:
      return "running";
    case RunStatus::completed:
      return "completed";
    case RunStatus::failed:
      return "failed";
    case RunStatus::cancelled:
      return "cancelled";
  }
  return "running";
}

RunStatus parse_run_status(std::string_view s) {
  for (RunStatus r : {RunStatus::running, RunStatus::completed, RunStatus::failed, RunStatus::cancelled})
    if (run_status_name(r) == s) return r;
  throw std::invalid_argument("unknown run status " + std::string(s));
}

std::string_view item_state_name(ItemState s) {
  switch (s) {
    case ItemState::queued:
      return "queued";
    case ItemState::written:
      return "written";
    case ItemState::sending:
      return "sending";
    case ItemState::sent:
      return "sent";
    case ItemState::skipped:
      return "skipped";
    case ItemState::failed:
      return "failed";
    case ItemState::uncertain:
      return "uncertain";
  }
  return "queued";
}

ItemState parse_item_state(std::string_view s) {
  for (ItemState i : {ItemState::queued, ItemState::written, ItemState::sending, ItemState::sent, ItemState::skipped,
                      ItemState::failed, ItemState::uncertain})
    if (item_state_name(i) == s) return i;
  throw std::invalid_argument("unknown item state " + std::string(s));
}

}  // namespace reach
