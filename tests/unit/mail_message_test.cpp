// Messages as SMTP carries them: system mail (RFC 5322) and campaign mail (MIME, quoted-printable),
// with headers that cannot be split by what a user or a model wrote.
#include <gtest/gtest.h>

#include "providers/mail/mime_message.hpp"
#include "providers/mail/rfc5322.hpp"
#include "providers/mail/smtp_mailer.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

TimePoint at(const char* rfc3339) { return parse_rfc3339(rfc3339).value(); }

TEST(SystemMail, BuildsSafeRfc5322Messages) {
  SystemEmail e{"ada@example.com", "Grüße\r\nBcc: evil@example.com", "Hello\n.\nBye"};
  auto msg = build_rfc5322(e, "Reach <no-reply@reach.local>", "id@reach.local", *parse_rfc3339("2026-11-24T10:00:00Z"));
  EXPECT_NE(msg.find("Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("\r\nBcc:"), std::string::npos) << "header injection through the subject";
  EXPECT_NE(msg.find("Subject: =?UTF-8?B?"), std::string::npos);
  // Kept as written: libcurl dot-stuffs on the wire, so stuffing here too doubled the dot the reader saw.
  EXPECT_NE(msg.find("\r\n\r\nHello\r\n.\r\nBye\r\n"), std::string::npos) << msg;
  EXPECT_EQ(envelope_address("Reach <no-reply@reach.local>"), "no-reply@reach.local");
  EXPECT_EQ(envelope_address("plain@reach.local"), "plain@reach.local");
}

TEST(QuotedPrintable, KeepsLinesShortAndNeverStartsOneWithADot) {
  std::string body = ".hidden\n" + std::string(200, 'a') + "\ncafé = 5 €  \nend";
  std::string qp = quoted_printable(body);
  std::size_t start = 0;
  while (start < qp.size()) {
    auto end = qp.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "every line ends with CRLF";
    EXPECT_LE(end - start, 76u);
    EXPECT_NE(qp[start], '.') << "a line starting with a dot";
    start = end + 2;
  }
  EXPECT_NE(qp.find("=2Ehidden"), std::string::npos);
  EXPECT_NE(qp.find("caf=C3=A9 =3D 5 =E2=82=AC =20\r\n"), std::string::npos) << qp;
}

TEST(MimeMessage, HeadersCannotBeSplitByWhatTheModelWrote) {
  OutgoingEmail e;
  e.from_email = "sales@acme.example";
  e.from_name = "Acme Sales";
  e.to_email = "lead@firm.example";
  e.subject = "Hello\r\nBcc: victim@else.example";
  e.text_body = "Hi";
  e.html_body = "<p>Hi</p>";
  e.message_id = "abc@acme.example";
  e.unsubscribe_url = "https://reach.example/unsubscribe/tok";
  e.date = at("2026-12-02T15:00:00Z");
  auto m = build_mime_message(e, "BOUNDARY");
  EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos) << m;
  EXPECT_NE(m.find("Subject: =?UTF-8?B?"), std::string::npos) << "encoded as one word";
  EXPECT_NE(m.find("Message-ID: <abc@acme.example>\r\n"), std::string::npos);
  EXPECT_NE(m.find("List-Unsubscribe: <https://reach.example/unsubscribe/tok>\r\n"), std::string::npos);
  EXPECT_NE(m.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
  EXPECT_NE(m.find("Date: Wed, 02 Dec 2026 15:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(m.find("--BOUNDARY--\r\n"), std::string::npos);
}

}  // namespace
}  // namespace reach
