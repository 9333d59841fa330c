#include "transfer/bundle_stream.h"

#include <fstream>
#include <optional>
#include <unordered_set>

namespace newsdesk {
namespace {

using nlohmann::json;

// Builds JSON values from SAX events, one at a time; Done() when the value it
// was started for is complete.
class ValueBuilder {
 public:
  void Scalar(json value) { Place(std::move(value)); }
  void StartContainer(json empty) {
    json* slot = Place(std::move(empty));
    stack_.push_back(slot);
  }
  void EndContainer() { stack_.pop_back(); }
  void Key(const std::string& key) { key_ = key; }
  bool Done() const { return started_ && stack_.empty(); }
  json Take() {
    started_ = false;
    return std::move(root_);
  }

 private:
  json* Place(json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      started_ = true;
      return &root_;
    }
    json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(value));
      return &top.back();
    }
    json& slot = top[key_];
    slot = std::move(value);
    return &slot;
  }

  json root_;
  std::vector<json*> stack_;
  std::string key_;
  bool started_ = false;
};

// SAX events of the whole file. Top-level members other than "articles" are
// built into `header` (pass 1); each element of "articles" is built and handed
// to `on_article` (pass 2). What a pass does not want is skipped unbuilt.
class BundleSax : public nlohmann::json_sax<json> {
 public:
  enum class Pass { kHeader, kArticles };
  BundleSax(Pass pass, std::function<bool(json&&)> on_article) : pass_(pass), on_article_(std::move(on_article)) {}

  json header = json::object();
  bool root_is_object = false;
  bool articles_not_array = false;
  size_t error_byte = 0;
  std::string error_message;

  bool null() override { return Value(nullptr); }
  bool boolean(bool v) override { return Value(v); }
  bool number_integer(number_integer_t v) override { return Value(v); }
  bool number_unsigned(number_unsigned_t v) override { return Value(v); }
  bool number_float(number_float_t v, const string_t&) override { return Value(v); }
  bool string(string_t& v) override { return Value(std::move(v)); }
  bool binary(binary_t& v) override { return Value(json::binary(std::move(v))); }

  bool start_object(std::size_t) override { return Start(json::object()); }
  bool end_object() override { return End(); }
  bool start_array(std::size_t) override { return Start(json::array()); }
  bool end_array() override { return End(); }

  bool key(string_t& k) override {
    if (depth_ == 1) {
      top_key_ = k;
      return true;
    }
    if (Building()) builder_.Key(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    error_byte = position;
    error_message = ex.what();
    return false;
  }

 private:
  // Whether the value at the current place is being built.
  bool Building() const {
    if (depth_ < 1) return false;
    if (top_key_ == "articles") return pass_ == Pass::kArticles && (depth_ >= 3 || !array_seen_);
    return pass_ == Pass::kHeader;
  }

  bool Value(json v) {
    if (depth_ == 0) return true;  // a scalar at the top: refused by the header check
    if (depth_ == 1) {
      if (top_key_ == "articles") {
        if (!v.is_null()) articles_not_array = true;
        return true;
      }
      if (pass_ == Pass::kHeader) header[top_key_] = std::move(v);
      return true;
    }
    if (depth_ == 2 && top_key_ == "articles" && array_seen_) {
      // Not an object: handed over as it is, to be refused by name.
      return pass_ != Pass::kArticles || on_article_(std::move(v));
    }
    if (Building()) builder_.Scalar(std::move(v));
    return Finish();
  }

  bool Start(json empty) {
    ++depth_;
    if (depth_ == 1) {
      root_is_object = empty.is_object();
      return true;
    }
    if (depth_ == 2) {
      if (top_key_ == "articles") {
        if (!empty.is_array()) articles_not_array = true;
        array_seen_ = empty.is_array();
        if (empty.is_array()) return true;  // the articles array itself is never built
      }
    }
    if (Building()) builder_.StartContainer(std::move(empty));
    return true;
  }

  bool End() {
    if (depth_ == 1) {  // the root object closes
      --depth_;
      return true;
    }
    bool building = Building();
    --depth_;
    if (depth_ == 1 && top_key_ == "articles" && array_seen_) {
      array_seen_ = false;  // the articles array closed
      return true;
    }
    if (building) builder_.EndContainer();
    return Finish();
  }

  // Hands over a value that is complete.
  bool Finish() {
    if (!builder_.Done()) return true;
    json value = builder_.Take();
    if (top_key_ == "articles" && pass_ == Pass::kArticles && array_seen_) {
      return on_article_(std::move(value));
    }
    if (pass_ == Pass::kHeader && top_key_ != "articles") header[top_key_] = std::move(value);
    return true;
  }

  Pass pass_;
  std::function<bool(json&&)> on_article_;
  ValueBuilder builder_;
  int depth_ = 0;
  std::string top_key_;
  bool array_seen_ = false;
};

// Counts the bytes the parser has taken, for progress.
class CountingBuf : public std::streambuf {
 public:
  explicit CountingBuf(std::streambuf* inner) : inner_(inner) {}
  std::uint64_t count = 0;

 protected:
  int_type underflow() override { return inner_->sgetc(); }
  int_type uflow() override {
    int_type c = inner_->sbumpc();
    if (c != traits_type::eof()) ++count;
    return c;
  }
  std::streamsize xsgetn(char* s, std::streamsize n) override {
    std::streamsize got = inner_->sgetn(s, n);
    count += static_cast<std::uint64_t>(got);
    return got;
  }

 private:
  std::streambuf* inner_;
};

size_t LineOf(const std::string& path, size_t byte) {
  std::ifstream in(path, std::ios::binary);
  size_t line = 1;
  char buf[65536];
  size_t seen = 0;
  while (seen < byte) {
    in.read(buf, sizeof buf);
    if (in.gcount() <= 0) break;
    size_t n = std::min<size_t>(static_cast<size_t>(in.gcount()), byte - seen);
    for (size_t i = 0; i < n; ++i) line += buf[i] == '\n';
    seen += n;
  }
  return line;
}

}  // namespace

Status StreamBundleFile(const std::string& path, const BundleStreamSinks& sinks, size_t batch_size) {
  // Pass 1: the header, and the syntax of the whole file.
  Bundle header;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{"", "", "cannot open file"};
    BundleSax sax(BundleSax::Pass::kHeader, nullptr);
    bool ok = json::sax_parse(in, &sax, nlohmann::detail::input_format_t::json, /*strict=*/true);
    if (!ok) return SyntaxErrorAt(LineOf(path, sax.error_byte), sax.error_message);
    if (!sax.root_is_object) return Error{"bundle", "", "must be a JSON object"};
    if (sax.articles_not_array) return Error{"bundle", "articles", "must be an array"};
    auto parsed = BundleHeaderFromJson(sax.header);
    if (!parsed.ok()) return parsed.error();
    header = std::move(parsed).value();
  }
  if (Status st = sinks.header(std::move(header)); !st.ok()) return st;

  // Pass 2: the articles, a batch at a time.
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{"", "", "cannot open file"};
  CountingBuf counting(file.rdbuf());
  std::istream in(&counting);
  std::vector<Article> batch;
  std::unordered_set<std::string> slugs;
  size_t index = 0;
  Status failed;                 // the store's refusal: reading stops
  std::optional<Error> invalid;  // the first invalid article (strict: reading goes on, storing stops)
  auto flush = [&]() -> bool {
    if (batch.empty() || invalid) return true;
    failed = sinks.articles(std::move(batch));
    batch.clear();
    if (sinks.progress) sinks.progress(counting.count, index);
    return failed.ok();
  };
  auto problem = [&](Error e) {
    if (sinks.invalid) sinks.invalid(e);
    if (!sinks.skip_invalid && !invalid) {
      invalid = std::move(e);
      batch.clear();
    }
    // Without a listener, the first problem is enough.
    return static_cast<bool>(sinks.invalid);
  };
  BundleSax sax(BundleSax::Pass::kArticles, [&](json&& value) -> bool {
    auto article = ArticleRecordFromJson(value, index);
    ++index;
    if (!article.ok()) return problem(article.error());
    if (!slugs.insert(article.value().slug).second) {
      return problem(Error{"article " + article.value().slug, "slug", "appears twice in this file"});
    }
    if (invalid) return true;  // strict and already refused: only looking for more problems
    batch.push_back(std::move(article).value());
    return batch.size() < batch_size || flush();
  });
  bool ok = json::sax_parse(in, &sax, nlohmann::detail::input_format_t::json, /*strict=*/true);
  if (!failed.ok()) return failed;
  if (invalid && (ok || sax.error_message.empty())) return *invalid;
  if (!ok) return SyntaxErrorAt(LineOf(path, sax.error_byte), sax.error_message);
  flush();
  return failed;
}

}  // namespace newsdesk
