#include "accounts/invitation_service.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "domain/api_error.hpp"
#include "util/crypto.hpp"
#include "util/random.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

constexpr std::chrono::hours kInvitationLifetime{7 * 24};

}  // namespace

void InvitationService::check_limits(const Caller& inviter, const std::string& company_id, std::size_t asked) {
  auto since = format_rfc3339(d_.clock.now() - std::chrono::hours(24));
  auto n = static_cast<long long>(asked);
  long long by_company = d_.invitations.count_by_company_since(company_id, since);
  long long by_inviter = d_.invitations.count_by_inviter_since(inviter.user_id, since);
  auto refuse = [](const std::string& who, long long limit, long long left) {
    throw rate_limited(who + " may send " + std::to_string(limit) + " invitations a day; " + std::to_string(left) +
                           " more can go out now. Try again later.",
                       3600);
  };
  if (by_company + n > d_.limits.per_company_per_day)
    refuse("A company", d_.limits.per_company_per_day, std::max(0LL, d_.limits.per_company_per_day - by_company));
  if (by_inviter + n > d_.limits.per_inviter_per_day)
    refuse("A user", d_.limits.per_inviter_per_day, std::max(0LL, d_.limits.per_inviter_per_day - by_inviter));
}

std::vector<InviteResult> InvitationService::invite(const Caller& inviter, const Company& company,
                                                    const std::vector<Invite>& invites) {
  check_limits(inviter, company.id, invites.size());
  auto inviter_user = d_.users.find_by_id(inviter.user_id);
  std::string inviter_name = inviter_user && inviter_user->name ? *inviter_user->name : inviter.email;
  std::vector<InviteResult> results;
  for (const auto& inv : invites) {
    try {
      auto now = d_.clock.now();
      auto t = now;
      auto account = d_.users.find_by_email(inv.email);
      if (account && d_.companies.role_of(account->id, company.id)) {
        results.push_back({inv.email, "already_member", "Already a member of this company"});
        continue;
      }
      if (d_.invitations.find_pending(company.id, inv.email, t)) {
        results.push_back({inv.email, "already_invited", "An invitation is already waiting for an answer"});
        continue;
      }
      Invitation invitation{
          new_uuid(d_.rng),          company.id, inv.email, inv.name, inv.role, inviter.user_id, "pending",
          now + kInvitationLifetime, t};
      // The link's token is issued by the mail job; until then the hash opens nothing anyone holds.
      d_.invitations.insert(invitation, sha256_hex(random_token(d_.rng)));
      d_.jobs.enqueue(new_uuid(d_.rng),
                      NewJob{kInvitationMailJob,
                             nlohmann::json{{"invitation_id", invitation.id}, {"inviter_name", inviter_name}}.dump(),
                             kInvitationMailJob + ":" + invitation.id, 3, std::nullopt},
                      t);
      results.push_back({inv.email, "invited", "Invitation sent; the seat is given when it is accepted"});
    } catch (const std::exception& e) {
      spdlog::error("invite_failed company_id={} error=\"{}\"", company.id, e.what());
      results.push_back({inv.email, "failed", "Could not invite this address; try again"});
    }
  }
  return results;
}

void InvitationService::send_invitation_mail(const std::string& payload) {
  auto job = nlohmann::json::parse(payload);
  auto now = d_.clock.now();
  auto invitation = d_.invitations.find_pending_by_id(job.at("invitation_id").get<std::string>(), now);
  if (!invitation) return;  // answered, or expired, before its mail went out
  auto company = d_.companies.find(invitation->company_id);
  if (!company) return;
  std::string token = random_token(d_.rng);
  if (!d_.invitations.set_token_hash(invitation->id, sha256_hex(token))) return;
  auto account = d_.users.find_by_email(invitation->email);
  bool active = account && !account->password_hash.empty() && account->verified;
  std::string inviter_name = job.value("inviter_name", "A colleague");
  d_.mailer.send(active ? d_.emails.invitation_for_account(invitation->email, company->name, inviter_name, token)
                        : d_.emails.invitation(invitation->email, company->name, inviter_name, token));
}

Invitation InvitationService::open(const std::string& token) {
  if (token.empty() || token.size() > 256) throw bad_request("Invalid or expired invitation token");
  auto invitation = d_.invitations.find_by_token(sha256_hex(token), d_.clock.now());
  if (!invitation) throw bad_request("Invalid or expired invitation token");
  return *invitation;
}

void InvitationService::seat(const Invitation& invitation, const User& user) {
  auto t = d_.clock.now();
  if (!d_.invitations.respond(invitation.id, "accepted", t)) throw bad_request("Invalid or expired invitation token");
  d_.companies.add_member(
      Membership{new_uuid(d_.rng), user.id, invitation.company_id, invitation.role, user.email, user.name}, t);
  spdlog::info("invitation_accepted company_id={} user_id={}", invitation.company_id, user.id);
}

void InvitationService::accept_with_password(const std::string& token, const std::string& password,
                                             const std::optional<std::string>& name) {
  auto t = d_.clock.now();
  auto invitation = d_.invitations.find_by_token(sha256_hex(token), t);
  if (!invitation) {
    // A link from before invitations had their own table: the seat was given then; only the password is missing.
    auto user_id = token.size() <= 256 ? d_.tokens.consume(token, TokenPurpose::accept_invite) : std::nullopt;
    auto legacy = user_id ? d_.users.find_by_id(*user_id) : std::nullopt;
    if (!legacy || !legacy->password_hash.empty()) throw bad_request("Invalid or expired invitation token");
    d_.users.update_password(legacy->id, hash_password(password), t);
    d_.users.mark_verified(legacy->id, t);
    if (name && !name->empty()) d_.users.update_name(legacy->id, *name, t);
    return;
  }
  auto account = d_.users.find_by_email(invitation->email);
  if (account && !account->password_hash.empty() && account->verified)
    throw bad_request("This address already has an account: sign in and accept the invitation there");
  if (!account) {
    d_.users.insert(User{new_uuid(d_.rng), invitation->email, name ? name : invitation->name, "", false, t});
    account = d_.users.find_by_email(invitation->email);
    if (!account) throw std::runtime_error("invited account vanished");
  }
  // The link proved the mailbox: it sets the password (over one an unverified sign-up chose) and verifies.
  d_.users.update_password(account->id, hash_password(password), t);
  d_.users.mark_verified(account->id, t);
  if (name && !name->empty()) d_.users.update_name(account->id, *name, t);
  seat(*invitation, *account);
}

std::string InvitationService::accept(const Caller& caller, const std::string& token) {
  auto invitation = open(token);
  if (invitation.email != caller.email)
    throw forbidden("This invitation is for another address: sign in as the invited address to accept it");
  auto user = d_.users.find_by_id(caller.user_id);
  if (!user) throw unauthorized("Could not validate credentials");
  seat(invitation, *user);
  return invitation.company_id;
}

void InvitationService::decline(const std::string& token) {
  auto invitation = open(token);
  if (!d_.invitations.respond(invitation.id, "declined", d_.clock.now()))
    throw bad_request("Invalid or expired invitation token");
  spdlog::info("invitation_declined company_id={} invitation_id={}", invitation.company_id, invitation.id);
}

}  // namespace reach
