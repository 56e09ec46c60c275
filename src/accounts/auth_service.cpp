#include "accounts/auth_service.hpp"

#include <spdlog/spdlog.h>
#include <strings.h>

#include <nlohmann/json.hpp>

#include "domain/api_error.hpp"
#include "domain/validation.hpp"
#include "util/crypto.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

// A hash to verify against when the email is unknown, so both paths cost the same time.
const std::string& dummy_hash() {
  static const std::string h = hash_password("reach-timing-equaliser");
  return h;
}

}  // namespace

TimePoint AuthService::now() const { return d_.clock.now(); }

void AuthService::signup(const std::string& email, const std::string& password,
                         const std::optional<std::string>& name) {
  User u{new_uuid(d_.rng), email, name, hash_password(password), false, now()};
  if (!d_.users.insert(u)) {
    // An address an older version invited got an account row without a password; its owner may sign up.
    auto existing = d_.users.find_by_email(email);
    if (!existing || !existing->password_hash.empty() || existing->verified)
      throw bad_request("Email already registered");
    d_.users.update_password(existing->id, u.password_hash, u.created_at);
    if (name) d_.users.update_name(existing->id, *name, u.created_at);
    u.id = existing->id;
  }
  queue_account_mail("signup", email);  // its own kind: a resend right after is not the same job
  spdlog::info("user_signed_up user_id={}", u.id);
}

void AuthService::verify_email(const std::string& token) {
  auto user_id = d_.tokens.consume(token, TokenPurpose::verify_email);
  if (!user_id) throw bad_request("Invalid or expired verification token");
  d_.users.mark_verified(*user_id, now());
}

void AuthService::resend_verification(const std::string& email) { queue_account_mail("verify", email); }

void AuthService::queue_account_mail(const std::string& kind, const std::string& email) {
  auto n = d_.clock.now();
  std::string minute = format_rfc3339(n).substr(0, 16);
  d_.jobs.enqueue(new_uuid(d_.rng),
                  NewJob{kAccountMailJob, nlohmann::json{{"kind", kind}, {"email", email}}.dump(),
                         kAccountMailJob + ":" + kind + ":" + email + ":" + minute, 3, std::nullopt},
                  n);
}

void AuthService::send_account_mail(const std::string& payload) {
  auto job = nlohmann::json::parse(payload);
  std::string kind = job.at("kind").get<std::string>(), email = job.at("email").get<std::string>();
  auto user = d_.users.find_by_email(email);
  if (!user) return;  // nobody to write to; the requester was told the same either way
  if (kind == "reset") {
    d_.mailer.send(d_.emails.password_reset(email, d_.tokens.issue(user->id, TokenPurpose::reset_password)));
  } else if (kind == "verify" || kind == "signup") {
    if (user->verified || user->password_hash.empty()) return;
    d_.tokens.revoke_all(user->id, TokenPurpose::verify_email);
    d_.mailer.send(d_.emails.verification(email, d_.tokens.issue(user->id, TokenPurpose::verify_email)));
  } else {
    throw PermanentJobError("unknown account mail kind '" + kind + "'");
  }
}

void AuthService::admit_attempt(const std::vector<std::pair<std::string, int>>& keys) {
  auto n = d_.clock.now();
  auto window_start = n - d_.limits.window;
  auto refuse = [&](TimePoint until) {
    long long wait = std::chrono::duration_cast<std::chrono::seconds>(until - n).count();
    throw rate_limited("Too many failed login attempts. Try again in " + std::to_string(wait) + " seconds.", wait);
  };
  for (const auto& [key, limit] : keys)
    if (auto until = d_.throttle.locked_until(key, n)) refuse(*until);
  for (const auto& [key, limit] : keys) {
    if (d_.throttle.count_attempt(key, n, window_start) <= limit) continue;
    auto until = n + d_.limits.lockout;
    d_.throttle.lock(key, until);
    spdlog::warn("login_locked key_kind={} minutes={}", key.substr(0, key.find(':')), d_.limits.lockout.count() / 60);
    refuse(until);
  }
}

std::string AuthService::login(const std::string& email, const std::string& password, const std::string& client_ip) {
  const std::vector<std::pair<std::string, int>> keys = {
      {"pair:" + email + "|" + client_ip, d_.limits.max_attempts_per_account_and_ip},
      {"email:" + email, d_.limits.max_attempts_per_account},
      {"ip:" + client_ip, d_.limits.max_attempts_per_ip}};
  admit_attempt(keys);
  auto user = d_.users.find_by_email(email);
  bool ok = user && !user->password_hash.empty() ? verify_password(user->password_hash, password)
                                                 : (verify_password(dummy_hash(), password), false);
  if (!ok) throw unauthorized("Incorrect email or password");  // the attempt stays counted
  if (!user->verified) throw unauthorized("Email not verified. Check your inbox for the verification link.");
  d_.throttle.clear(keys[0].first);  // the owner at this address starts afresh
  for (std::size_t i = 1; i < keys.size(); ++i) d_.throttle.forgive_attempt(keys[i].first);
  return issue_access_token(*user);
}

void AuthService::forgot_password(const std::string& email) { queue_account_mail("reset", email); }

void AuthService::reset_password(const std::string& token, const std::string& new_password) {
  auto user_id = d_.tokens.consume(token, TokenPurpose::reset_password);
  if (!user_id) throw bad_request("Invalid or expired password reset token");
  auto t = now();
  d_.users.update_password(*user_id, hash_password(new_password), t);  // older access tokens stop working
  forget_token_version(*user_id);
  d_.users.mark_verified(*user_id, t);  // the link proved the mailbox is theirs
  d_.tokens.revoke_all(*user_id, TokenPurpose::reset_password);
  d_.tokens.revoke_all(*user_id, TokenPurpose::accept_invite);  // an old invitation link must not set it again
}

Caller AuthService::authenticate(const std::string& header) const {
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() <= kPrefix.size() || strncasecmp(header.c_str(), "bearer ", kPrefix.size()) != 0)
    throw unauthorized("Not authenticated");
  auto claims = d_.jwt.verify(trim(header.substr(kPrefix.size())));
  if (!claims) throw unauthorized("Could not validate credentials");
  auto version = current_token_version(claims->user_id);
  if (!version) throw unauthorized("Could not validate credentials");
  if (*version != claims->version)
    throw unauthorized("This token was revoked (logout or password change): log in again");
  return Caller{claims->user_id, claims->subject, claims->version};
}

std::optional<long long> AuthService::current_token_version(const std::string& user_id) const {
  constexpr std::size_t kMaxRemembered = 100000;  // bounds the cache; a full one starts over
  auto now = d_.clock.now();
  {
    MutexLock lock(versions_mutex_);
    auto it = versions_.find(user_id);
    if (it != versions_.end() && now - it->second.read_at < kTokenVersionTtl) return it->second.version;
  }
  auto version = d_.users.token_version(user_id);
  if (!version) return std::nullopt;
  MutexLock lock(versions_mutex_);
  if (versions_.size() >= kMaxRemembered) versions_.clear();
  versions_[user_id] = {*version, now};
  return version;
}

void AuthService::forget_token_version(const std::string& user_id) const {
  MutexLock lock(versions_mutex_);
  versions_.erase(user_id);
}

void AuthService::logout(const Caller& caller) {
  d_.users.revoke_access_tokens(caller.user_id, now());
  forget_token_version(caller.user_id);
  spdlog::info("user_logged_out user_id={}", caller.user_id);
}

User AuthService::load_user(const Caller& caller) {
  auto user = d_.users.find_by_id(caller.user_id);
  if (!user) throw unauthorized("Could not validate credentials");
  return *user;
}

User AuthService::update_profile(const Caller& caller, const ProfileChange& change) {
  User user = load_user(caller);
  auto t = now();
  if (change.new_password) {
    if (!change.old_password || !verify_password(user.password_hash, *change.old_password))
      throw bad_request("Current password is incorrect");
    d_.users.update_password(user.id, hash_password(*change.new_password), t);
    forget_token_version(user.id);
  }
  if (change.name) d_.users.update_name(user.id, *change.name, t);
  return d_.users.find_by_id(user.id).value_or(user);
}

User AuthService::ensure_verified_user(const std::string& email, const std::string& password, const std::string& name) {
  auto t = now();
  d_.users.insert(User{new_uuid(d_.rng), email, name, "", true, t});
  auto user = d_.users.find_by_email(email);
  if (!user) throw std::runtime_error("could not create user " + email);
  d_.users.update_password(user->id, hash_password(password), t);
  d_.users.mark_verified(user->id, t);
  return *d_.users.find_by_id(user->id);
}

std::string AuthService::new_csrf_token() { return random_token(d_.rng, 24); }

}  // namespace reach
