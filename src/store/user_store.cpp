#include "store/user_store.hpp"

#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"
#include "util/time_format.hpp"

namespace reach {

std::optional<User> UserStore::find_where(const char* column, const std::string& value) {
  return db_.with_session([&](soci::session& s) -> std::optional<User> {
    User u;
    int verified = 0;
    s << "SELECT id, email, name, password_hash, verified, created_at, token_version FROM users WHERE " +
             std::string(column) + " = :v",
        soci::use(value), soci::into(u.id), soci::into(u.email), soci::into(u.name), soci::into(u.password_hash),
        soci::into(verified), soci::into(u.created_at), soci::into(u.token_version);
    if (!s.got_data()) return std::nullopt;
    u.verified = verified != 0;
    return u;
  });
}

std::optional<User> UserStore::find_by_email(const std::string& email) { return find_where("email", email); }
std::optional<User> UserStore::find_by_id(const std::string& id) { return find_where("id", id); }

bool UserStore::insert(const User& u) {
  return db_.with_session([&](soci::session& s) {
    int verified = u.verified ? 1 : 0;
    soci::statement st = (s.prepare << "INSERT INTO users (id, email, name, password_hash, verified, created_at, "
                                       "updated_at) VALUES (:id, :email, :name, :hash, :verified, :created, :updated) "
                                       "ON CONFLICT (email) DO NOTHING",
                          soci::use(u.id), soci::use(u.email), soci::use(u.name), soci::use(u.password_hash),
                          soci::use(verified), soci::use(u.created_at), soci::use(u.created_at));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

void UserStore::update_name(const std::string& user_id, const std::string& name, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE users SET name = :n, updated_at = :t WHERE id = :id", soci::use(name), soci::use(now),
        soci::use(user_id);
  });
}

void UserStore::update_password(const std::string& user_id, const std::string& hash, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE users SET password_hash = :h, token_version = token_version + 1, updated_at = :t WHERE id = :id",
        soci::use(hash), soci::use(now), soci::use(user_id);
  });
}

std::optional<long long> UserStore::token_version(const std::string& user_id) {
  return db_.with_session([&](soci::session& s) -> std::optional<long long> {
    long long v = 0;
    s << "SELECT token_version FROM users WHERE id = :id", soci::use(user_id), soci::into(v);
    if (!s.got_data()) return std::nullopt;
    return v;
  });
}

void UserStore::revoke_access_tokens(const std::string& user_id, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE users SET token_version = token_version + 1, updated_at = :t WHERE id = :id", soci::use(now),
        soci::use(user_id);
  });
}

void UserStore::mark_verified(const std::string& user_id, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE users SET verified = 1, updated_at = :t WHERE id = :id", soci::use(now), soci::use(user_id);
  });
}

void UserStore::insert_token(const std::string& token_hash, const std::string& user_id, const std::string& purpose,
                             TimePoint expires_at_time, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  std::string expires_at = format_rfc3339(expires_at_time);
  db_.with_session([&](soci::session& s) {
    s << "INSERT INTO auth_tokens (token_hash, user_id, purpose, expires_at, created_at) "
         "VALUES (:h, :u, :p, :e, :c)",
        soci::use(token_hash), soci::use(user_id), soci::use(purpose), soci::use(expires_at), soci::use(now);
  });
}

std::optional<std::string> UserStore::consume_token(const std::string& token_hash, const std::string& purpose,
                                                    TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  return db_.in_transaction([&](soci::session& s) -> std::optional<std::string> {
    std::string user_id;
    s << "SELECT user_id FROM auth_tokens WHERE token_hash = :h AND purpose = :p AND used_at IS NULL "
         "AND expires_at > :now",
        soci::use(token_hash), soci::use(purpose), soci::use(now), soci::into(user_id);
    if (!s.got_data()) return std::nullopt;
    soci::statement st =
        (s.prepare << "UPDATE auth_tokens SET used_at = :now WHERE token_hash = :h AND used_at IS NULL", soci::use(now),
         soci::use(token_hash));
    st.execute(true);
    if (st.get_affected_rows() != 1) return std::nullopt;
    return user_id;
  });
}

void UserStore::revoke_tokens(const std::string& user_id, const std::string& purpose, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE auth_tokens SET used_at = :now WHERE user_id = :u AND purpose = :p AND used_at IS NULL",
        soci::use(now), soci::use(user_id), soci::use(purpose);
  });
}

}  // namespace reach
