// Text extraction from real files made on the fly: the text is asserted, and hostile files fail with a
// DocumentError that says what is wrong.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "fixtures/documents.hpp"
#include "ingest/document_text.hpp"

namespace reach {
namespace {

using fixtures::DocxBlock;

std::string error_of(std::string_view data, const ExtractionLimits& limits = {}) {
  try {
    extract_document_text(data, limits);
  } catch (const DocumentError& e) {
    return e.what();
  }
  return "";
}

TEST(PdfText, ReadsEveryPageInOrder) {
  auto pdf = fixtures::make_pdf({{"Acme Robotics sells welding cells.", "Payback in (under) 9 months."},
                                 {"Page two: integrates with SAP and Siemens PLCs."},
                                 {"Page three: 24/7 support in Berlin."}});
  auto doc = extract_document_text(pdf);
  EXPECT_EQ(doc.kind, DocumentKind::pdf);
  EXPECT_EQ(doc.pages, 3u);
  auto a = doc.text.find("Acme Robotics sells welding cells."), b = doc.text.find("Payback in (under) 9 months."),
       c = doc.text.find("Page two: integrates with SAP"), d = doc.text.find("Page three: 24/7 support in Berlin.");
  ASSERT_NE(a, std::string::npos) << doc.text;
  ASSERT_NE(b, std::string::npos) << doc.text;
  ASSERT_NE(c, std::string::npos) << doc.text;
  ASSERT_NE(d, std::string::npos) << doc.text;
  EXPECT_TRUE(a < b && b < c && c < d) << doc.text;
}

TEST(PdfText, RefusesDamagedEncryptedAndImageOnlyPdfs) {
  auto pdf = fixtures::make_pdf({{"Some text that will be cut off"}});
  EXPECT_NE(error_of(pdf.substr(0, pdf.size() / 3)).find("damaged"), std::string::npos)
      << error_of(pdf.substr(0, pdf.size() / 3));
  EXPECT_NE(error_of("%PDF-1.7\n garbage").find("damaged"), std::string::npos);
  EXPECT_NE(error_of(fixtures::make_pdf({{}, {}})).find("no text layer"), std::string::npos);

  auto dir = std::filesystem::temp_directory_path() / ("reach-pdf-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "plain.pdf", std::ios::binary) << pdf;
  std::string cmd = "qpdf --encrypt secret-user secret-owner 256 -- " + (dir / "plain.pdf").string() + " " +
                    (dir / "locked.pdf").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "qpdf (installed by scripts/install-deps.sh) makes the encrypted fixture";
  std::stringstream locked;
  locked << std::ifstream(dir / "locked.pdf", std::ios::binary).rdbuf();
  EXPECT_NE(error_of(locked.str()).find("encrypted"), std::string::npos) << error_of(locked.str());
  std::filesystem::remove_all(dir);
}

TEST(DocxText, ReadsHeadingsParagraphsListsAndTablesInOrder) {
  auto docx = fixtures::make_docx(
      {{DocxBlock::heading, "Acme Weld Cell X2"},
       {DocxBlock::paragraph, "A collaborative welding cell for small batches."},
       {DocxBlock::list_item, "Setup in one day"},
       {DocxBlock::list_item, "Works with any MIG torch"},
       {DocxBlock::table, "", {{"Plan", "Price"}, {"Starter", "$1,200/mo"}, {"Scale", "$3,900/mo"}}},
       {DocxBlock::paragraph, "Contact: sales@acme.example & partners"}});
  auto doc = extract_document_text(docx);
  EXPECT_EQ(doc.kind, DocumentKind::docx);
  EXPECT_EQ(doc.text,
            "Acme Weld Cell X2\n"
            "A collaborative welding cell for small batches.\n"
            "- Setup in one day\n"
            "- Works with any MIG torch\n"
            "Plan | Price\n"
            "Starter | $1,200/mo\n"
            "Scale | $3,900/mo\n\n"
            "Contact: sales@acme.example & partners");
}

TEST(DocxText, RefusesBombsEntitiesAndOtherZips) {
  ExtractionLimits small;
  small.max_docx_xml_bytes = 1 << 20;
  auto bomb = fixtures::make_docx_bomb(8 << 20);  // 8 MiB of spaces in a few KiB
  EXPECT_LT(bomb.size(), 64u * 1024);
  EXPECT_NE(error_of(bomb, small).find("zip bomb"), std::string::npos) << error_of(bomb, small);
  EXPECT_NE(error_of(bomb).find("zip bomb"), std::string::npos) << "the compression ratio alone gives it away";

  auto xxe = fixtures::make_docx({{DocxBlock::paragraph, "&xxe;"}},
                                 R"(<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)");
  EXPECT_NE(error_of(xxe).find("DTD"), std::string::npos) << error_of(xxe);
  auto billion_laughs = fixtures::make_docx(
      {{DocxBlock::paragraph, "x"}}, R"(<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>)");
  EXPECT_NE(error_of(billion_laughs).find("DTD"), std::string::npos);

  auto docx = fixtures::make_docx({{DocxBlock::paragraph, "x"}});
  EXPECT_NE(error_of(docx.substr(0, docx.size() / 2)).find("damaged"), std::string::npos)
      << error_of(docx.substr(0, docx.size() / 2));
  EXPECT_NE(error_of(std::string("PK\x03\x04", 4) + std::string(100, 'z')).find("damaged"), std::string::npos);
}

TEST(PlainText, DecodesUtf8Utf16AndWindows1252) {
  EXPECT_EQ(extract_document_text("\xEF\xBB\xBFZ\xC3\xBCrich Robotics \xE2\x80\x94 caf\xC3\xA9").text,
            "Z\xC3\xBCrich Robotics \xE2\x80\x94 caf\xC3\xA9");
  // Windows-1252: "Müller – “Café” €5" is not valid UTF-8, so it is read as cp1252.
  EXPECT_EQ(extract_document_text("M\xFCller \x96 \x93"
                                  "Caf\xE9\x94 \x80"
                                  "5")
                .text,
            "M\xC3\xBCller \xE2\x80\x93 \xE2\x80\x9C"
            "Caf\xC3\xA9\xE2\x80\x9D \xE2\x82\xAC"
            "5");
  EXPECT_EQ(extract_document_text(std::string("\xFF\xFEH\0i\0", 6)).text, "Hi");
  EXPECT_EQ(extract_document_text(std::string("\xFE\xFF\0H\0i", 6)).text, "Hi");
}

TEST(PlainText, RefusesBinaryAndEmptyFiles) {
  std::string elf(
      "\x7f"
      "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
      16);
  EXPECT_NE(error_of(elf + std::string(500, '\x01')).find("binary"), std::string::npos);
  EXPECT_NE(error_of(elf).find(".pdf, .docx and .txt"), std::string::npos) << "the error lists what is supported";
  EXPECT_NE(error_of("").find("empty"), std::string::npos);
  EXPECT_NE(error_of("   \n\t  \n").find("no text"), std::string::npos);
}

TEST(CleanText, NormalisesWhitespaceAndCutsAtAWord) {
  bool cut = false;
  EXPECT_EQ(clean_text("  Hello\t\t world  \r\n\n\n\n  next\x01 line \xC2\xA0 end ", 1000, &cut),
            "Hello world\n\nnext line end");
  EXPECT_FALSE(cut);
  EXPECT_EQ(clean_text("alpha beta gamma delta", 13, &cut), "alpha beta");
  EXPECT_TRUE(cut);
  // Counting is by code point and never splits one.
  EXPECT_EQ(clean_text("\xC3\xA9\xC3\xA9\xC3\xA9", 2, &cut), "\xC3\xA9\xC3\xA9");
}

TEST(Documents, AreRecognisedByContentNotName) {
  // A PDF whatever it is called; callers pass no file name at all.
  EXPECT_EQ(extract_document_text(fixtures::make_pdf({{"renamed"}})).kind, DocumentKind::pdf);
  EXPECT_EQ(extract_document_text(fixtures::make_docx({{DocxBlock::paragraph, "renamed"}})).kind, DocumentKind::docx);
}

}  // namespace
}  // namespace reach
