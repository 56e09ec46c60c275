// Sign-up, email verification, sign-in, password reset and invitation acceptance; turns a bearer
// token into a User. Answers with ApiError for everything a client can get wrong.
#pragma once
#include "util/thread_safety.hpp"
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "accounts/account_emails.hpp"
#include "accounts/tokens.hpp"
#include "domain/system_mailer.hpp"
#include "domain/user.hpp"
#include "store/job_store.hpp"
#include "store/login_throttle_store.hpp"
#include "store/user_store.hpp"
#include "util/jwt.hpp"

namespace reach {

// How long a user's token version is trusted from memory before it is read again.
constexpr std::chrono::seconds kTokenVersionTtl{2};

// How many sign-in attempts (successful ones are taken back) a key allows within the window, and how
// long it is locked after. Keys: an account from one address (a guesser there, not the owner elsewhere),
// an account from anywhere (a guesser spread over many addresses), an address over all accounts.
// docs/ARCHITECTURE.md "Authentication" explains the policy.
struct LoginLimits {
  int max_attempts_per_account_and_ip = 5;
  int max_attempts_per_account = 100;
  int max_attempts_per_ip = 100;
  std::chrono::seconds window{15 * 60};
  std::chrono::seconds lockout{15 * 60};
};

// Account mail that must not reveal whether the address has an account (reset, resend verification):
// the request only queues this job, the same work either way; the worker decides whether to send.
inline const std::string kAccountMailJob = "account.mail";

struct AuthDeps {
  UserStore& users;
  JobStore& jobs;
  LoginThrottleStore& throttle;
  TokenIssuer& tokens;
  SystemMailer& mailer;
  const AccountEmails& emails;
  const JwtCodec& jwt;
  const Clock& clock;
  Rng& rng;
  LoginLimits limits;
};

struct ProfileChange {
  std::optional<std::string> name, old_password, new_password;
};

class AuthService {
 public:
  explicit AuthService(AuthDeps deps) : d_(deps) {}

  void signup(const std::string& email, const std::string& password, const std::optional<std::string>& name);
  void verify_email(const std::string& token);
  void resend_verification(const std::string& email);
  std::string login(const std::string& email, const std::string& password, const std::string& client_ip);
  void forgot_password(const std::string& email);
  // The job behind signup, forgot_password and resend_verification: {"kind": "reset"|"verify"|"signup", "email":
  // ...}. Throws when the mail could not be handed over (the job retries).
  void send_account_mail(const std::string& payload);
  void reset_password(const std::string& token, const std::string& new_password);

  // The caller proven by an Authorization header value: signature, expiry, and a token version that is
  // still the user's (from a per-user cache kept kTokenVersionTtl, so a request seldom reads the
  // database); 401 otherwise.
  Caller authenticate(const std::string& authorization_header) const;
  // Every access token of the caller issued so far is refused from now on.
  void logout(const Caller& caller);
  // A fresh random token for the web app's CSRF cookie (double submit).
  std::string new_csrf_token();
  // The caller's full account; 401 if it no longer exists.
  User load_user(const Caller& caller);
  User update_profile(const Caller& caller, const ProfileChange& change);
  // A verified account with this password, created or reset: for `reach demo`.
  User ensure_verified_user(const std::string& email, const std::string& password, const std::string& name);
  std::string issue_access_token(const User& user) const {
    return d_.jwt.issue(user.email, user.id, user.token_version);
  }

 private:
  // Counts the attempt under each key before the password is checked; 429 when a key is locked or
  // this attempt is over its limit (which locks it).
  void admit_attempt(const std::vector<std::pair<std::string, int>>& keys);
  TimePoint now() const;
  // Queues an account mail; one per address, kind and minute (more requests are the same job).
  void queue_account_mail(const std::string& kind, const std::string& email);
  std::optional<long long> current_token_version(const std::string& user_id) const;
  void forget_token_version(const std::string& user_id) const;

  AuthDeps d_;
  // user id → (token version, when it was read). Another process's logout or password change is seen
  // within kTokenVersionTtl; this process's at once.
  struct KnownVersion {
    long long version;
    TimePoint read_at;
  };
  mutable Mutex versions_mutex_;
  mutable std::unordered_map<std::string, KnownVersion> versions_ REACH_GUARDED_BY(versions_mutex_);
};

}  // namespace reach
