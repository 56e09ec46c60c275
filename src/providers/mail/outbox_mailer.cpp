#include "providers/mail/outbox_mailer.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <stdexcept>

#include "providers/mail/rfc5322.hpp"
#include "util/time_format.hpp"

namespace reach {

OutboxMailer::OutboxMailer(std::filesystem::path dir, std::string from, const Clock& clock, Rng& rng, bool log_links)
    : dir_(std::move(dir)), from_(std::move(from)), clock_(clock), rng_(rng), log_links_(log_links) {
  std::filesystem::create_directories(dir_);
}

void OutboxMailer::send(const SystemEmail& email) {
  std::string id = new_uuid(rng_);
  auto now = clock_.now();
  std::string stamp = format_rfc3339(now);
  for (char& c : stamp)
    if (c == ':') c = '-';
  auto final_path = dir_ / (stamp + "-" + id + ".eml");
  auto tmp_path = dir_ / ("." + id + ".tmp");
  {
    std::ofstream out(tmp_path, std::ios::binary);
    out << build_rfc5322(email, from_, id + "@reach.outbox", now);
    if (!out.flush()) throw std::runtime_error("could not write " + tmp_path.string());
  }
  std::filesystem::rename(tmp_path, final_path);  // readers never see a half-written message
  // The outbox is a development aid: say where the message is (and, for the demo, which link it holds).
  auto link_at = email.text_body.find("?token=");
  std::string link;
  if (log_links_ && link_at != std::string::npos) {
    auto start = email.text_body.rfind('\n', link_at);
    auto end = email.text_body.find('\n', link_at);
    link = email.text_body.substr(start == std::string::npos ? 0 : start + 1,
                                  end == std::string::npos ? std::string::npos : end - start - 1);
  }
  if (link.empty())
    spdlog::info("system_mail_written path={} subject=\"{}\"", final_path.string(), email.subject);
  else
    spdlog::info("system_mail_written path={} subject=\"{}\" link={}", final_path.string(), email.subject, link);
}

}  // namespace reach
