#include "store/invitation_store.hpp"

#include "store/row_values.hpp"
#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

const char* kColumns = "id, company_id, email, name, role, invited_by, status, expires_at, created_at";

Invitation from_row(const soci::row& r) {
  Invitation i;
  i.id = r.get<std::string>(0);
  i.company_id = r.get<std::string>(1);
  i.email = r.get<std::string>(2);
  i.name = nullable_text(r, 3);
  i.role = parse_role(r.get<std::string>(4)).value_or(Role::sdr);
  i.invited_by = r.get<std::string>(5);
  i.status = r.get<std::string>(6);
  i.expires_at = r.get<TimePoint>(7);
  i.created_at = r.get<TimePoint>(8);
  return i;
}

}  // namespace

void InvitationStore::insert(const Invitation& i, const std::string& token_hash) {
  db_.with_session([&](soci::session& s) {
    std::string role(role_name(i.role));
    s << "INSERT INTO invitations (id, company_id, email, name, role, invited_by, token_hash, status, expires_at, "
         "created_at) VALUES (:id, :c, :e, :n, :r, :by, :h, :s, :x, :t)",
        soci::use(i.id), soci::use(i.company_id), soci::use(i.email), soci::use(i.name), soci::use(role),
        soci::use(i.invited_by), soci::use(token_hash), soci::use(i.status), soci::use(i.expires_at),
        soci::use(i.created_at);
  });
}

std::optional<Invitation> InvitationStore::find_pending(const std::string& company_id, const std::string& email,
                                                        TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  return db_.with_session([&](soci::session& s) -> std::optional<Invitation> {
    soci::rowset<soci::row> rows = (s.prepare << std::string("SELECT ") + kColumns +
                                                     " FROM invitations WHERE company_id = :c AND email = :e "
                                                     "AND status = 'pending' AND expires_at > :now",
                                    soci::use(company_id), soci::use(email), soci::use(now));
    for (const auto& r : rows) return from_row(r);
    return std::nullopt;
  });
}

std::optional<Invitation> InvitationStore::find_by_token(const std::string& token_hash, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  return db_.with_session([&](soci::session& s) -> std::optional<Invitation> {
    soci::rowset<soci::row> rows = (s.prepare << std::string("SELECT ") + kColumns +
                                                     " FROM invitations WHERE token_hash = :h AND status = 'pending' "
                                                     "AND expires_at > :now",
                                    soci::use(token_hash), soci::use(now));
    for (const auto& r : rows) return from_row(r);
    return std::nullopt;
  });
}

std::optional<Invitation> InvitationStore::find_pending_by_id(const std::string& invitation_id, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  return db_.with_session([&](soci::session& s) -> std::optional<Invitation> {
    soci::rowset<soci::row> rows = (s.prepare << std::string("SELECT ") + kColumns +
                                                     " FROM invitations WHERE id = :id AND status = 'pending' "
                                                     "AND expires_at > :now",
                                    soci::use(invitation_id), soci::use(now));
    for (const auto& r : rows) return from_row(r);
    return std::nullopt;
  });
}

bool InvitationStore::set_token_hash(const std::string& invitation_id, const std::string& token_hash) {
  return db_.with_session([&](soci::session& s) {
    soci::statement st = (s.prepare << "UPDATE invitations SET token_hash = :h WHERE id = :id AND status = 'pending'",
                          soci::use(token_hash), soci::use(invitation_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

bool InvitationStore::respond(const std::string& invitation_id, const std::string& status, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  return db_.with_session([&](soci::session& s) {
    soci::statement st = (s.prepare << "UPDATE invitations SET status = :s, responded_at = :t "
                                       "WHERE id = :id AND status = 'pending'",
                          soci::use(status), soci::use(now), soci::use(invitation_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

long long InvitationStore::count_since(const char* column, const std::string& value, const std::string& since) {
  return db_.with_session([&](soci::session& s) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM invitations WHERE " + std::string(column) + " = :v AND created_at >= :t",
        soci::use(value), soci::use(since), soci::into(n);
    return n;
  });
}

long long InvitationStore::count_by_company_since(const std::string& company_id, const std::string& since) {
  return count_since("company_id", company_id, since);
}

long long InvitationStore::count_by_inviter_since(const std::string& user_id, const std::string& since) {
  return count_since("invited_by", user_id, since);
}

}  // namespace reach
