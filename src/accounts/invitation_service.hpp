// Invitations to a company's team. An admin invites addresses (within rate limits per company and per
// inviter); nobody gets a seat until the invited address accepts: a new address through the link by
// setting its password, an existing account by signing in and accepting. Either may decline.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "accounts/account_emails.hpp"
#include "accounts/tokens.hpp"
#include "domain/company.hpp"
#include "domain/system_mailer.hpp"
#include "domain/user.hpp"
#include "store/company_store.hpp"
#include "store/invitation_store.hpp"
#include "store/job_store.hpp"
#include "store/user_store.hpp"

namespace reach {

// The job that mails an invitation: it issues the link token itself, so no token waits in the queue.
inline const std::string kInvitationMailJob = "account.invitation";

struct Invite {
  std::string email;
  std::optional<std::string> name;
  Role role = Role::sdr;
};

struct InviteResult {
  std::string email;
  std::string
      status;  // "invited", "already_invited" (a pending invitation: no second mail), "already_member", "failed"
  std::string message;
};

// Invitations sent in the last 24 hours; more are answered 429.
struct InvitationLimits {
  long long per_company_per_day = 100;
  long long per_inviter_per_day = 100;
};

struct InvitationDeps {
  InvitationStore& invitations;
  CompanyStore& companies;
  UserStore& users;
  TokenIssuer& tokens;  // invitation links sent before invitations had their own table
  SystemMailer& mailer;
  JobStore& jobs;
  const AccountEmails& emails;
  const Clock& clock;
  Rng& rng;
  InvitationLimits limits;
};

class InvitationService {
 public:
  explicit InvitationService(InvitationDeps deps) : d_(deps) {}

  // Records the invitations and queues their mail (kInvitationMailJob).
  std::vector<InviteResult> invite(const Caller& inviter, const Company& company, const std::vector<Invite>& invites);
  // The job: a fresh link token for a still-pending invitation, and its mail. Throws when the mail could
  // not be handed over (the job retries).
  void send_invitation_mail(const std::string& payload);
  // The link's owner has no account yet (or one never activated): the account gets this password and
  // is verified (the link proved the mailbox), and the seat is given. 400 when the address already
  // has an active account (it signs in and accepts) or the link is not valid.
  void accept_with_password(const std::string& token, const std::string& password,
                            const std::optional<std::string>& name);
  // A signed-in account accepts an invitation to its own address; answers the company's id.
  std::string accept(const Caller& caller, const std::string& token);
  void decline(const std::string& token);

 private:
  Invitation open(const std::string& token);
  void seat(const Invitation& invitation, const User& user);
  void check_limits(const Caller& inviter, const std::string& company_id, std::size_t asked);

  InvitationDeps d_;
};

}  // namespace reach
