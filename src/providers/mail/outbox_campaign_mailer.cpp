#include "providers/mail/outbox_campaign_mailer.hpp"

#include <fstream>

#include "providers/mail/mime_message.hpp"
#include "util/time_format.hpp"

namespace reach {

OutboxCampaignMailer::OutboxCampaignMailer(std::filesystem::path dir, Rng& rng) : dir_(std::move(dir)), rng_(rng) {
  std::filesystem::create_directories(dir_);
}

SendResult OutboxCampaignMailer::send(const MailboxLogin&, const OutgoingEmail& email) {
  std::string boundary = "=_reach_" + random_token(rng_, 12), name = random_token(rng_, 8);
  std::string stamp = format_rfc3339(email.date);
  for (char& c : stamp)
    if (c == ':') c = '-';
  auto final_path = dir_ / (stamp + "-campaign-" + name + ".eml");
  auto tmp_path = dir_ / ("." + name + ".tmp");
  {
    std::ofstream out(tmp_path, std::ios::binary);
    out << build_mime_message(email, boundary);
    if (!out.flush()) return {SendOutcome::temporary_failure, 0, "could not write " + tmp_path.string()};
  }
  std::filesystem::rename(tmp_path, final_path);  // readers never see a half-written message
  return {SendOutcome::accepted, 250, "written to " + final_path.string()};
}

}  // namespace reach
