#include "render/compiled_template.h"

#include <kainjow/mustache.hpp>

namespace newsdesk {
namespace {

namespace mu = kainjow::mustache;
using Node = CompiledTemplate::Node;
using Data = TemplateData::Base;

std::vector<Node> Convert(const std::vector<mu::component<std::string>>& components) {
  std::vector<Node> out;
  for (const auto& c : components) {
    Node n;
    if (c.is_text()) {
      if (c.is_newline()) {
        n.kind = Node::Kind::kNewline;
      } else if (!out.empty() && out.back().kind == Node::Kind::kText) {
        out.back().text += c.text;  // text between tags is appended as one
        continue;
      }
      n.text = c.text;
      out.push_back(std::move(n));
      continue;
    }
    const std::string& name = c.tag.name;
    switch (c.tag.type) {
      case mu::tag_type::variable: n.kind = Node::Kind::kVariable; break;
      case mu::tag_type::unescaped_variable: n.kind = Node::Kind::kRawVariable; break;
      case mu::tag_type::section_begin: n.kind = Node::Kind::kSection; break;
      case mu::tag_type::section_begin_inverted: n.kind = Node::Kind::kInverted; break;
      case mu::tag_type::partial: n.kind = Node::Kind::kUnsupported; break;
      default: continue;  // comments and delimiter changes render nothing
    }
    // As kainjow looks names up: "." is the current item; "a.b" is split at
    // its dots (as kainjow's split() does); any other name is one key.
    if (n.kind == Node::Kind::kUnsupported || (name != "." && name.find('.') == std::string::npos)) {
      n.names = {name};
    } else if (name != ".") {
      n.names = mu::split(name, '.');
      if (n.names.empty()) n.names.push_back({});  // never empty: empty means "."
    }
    n.children = Convert(c.children);
    out.push_back(std::move(n));
  }
  return out;
}

struct Unsupported {};

class Renderer {
 public:
  Renderer(const Data& root, CompiledTemplate::Escape escape) : escape_(escape) {
    stack_.push_back(&root);
    out_.reserve(16384);
  }

  std::string Finish() {
    EndLine(nullptr);
    return std::move(out_);
  }

  void Walk(const std::vector<Node>& nodes) {
    for (const Node& n : nodes) {
      switch (n.kind) {
        case Node::Kind::kText:
          out_ += n.text;
          break;
        case Node::Kind::kNewline:
          EndLine(&n.text);
          break;
        case Node::Kind::kVariable:
        case Node::Kind::kRawVariable:
          if (const Data* var = Find(n)) {
            if (var->is_string()) {
              if (n.kind == Node::Kind::kVariable) {
                escape_(&out_, var->string_value());
              } else {
                out_ += var->string_value();
              }
            } else if (var->is_lambda() || var->is_lambda2()) {
              throw Unsupported{};
            }
          }
          break;
        case Node::Kind::kSection:
          if (const Data* var = Find(n)) {
            if (var->is_lambda() || var->is_lambda2()) throw Unsupported{};
            if (!var->is_false() && !var->is_empty_list()) Section(n, var);
          }
          break;
        case Node::Kind::kInverted: {
          const Data* var = Find(n);
          if (!var || var->is_false() || var->is_empty_list()) Section(n, var);
          break;
        }
        case Node::Kind::kUnsupported:
          for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
            const Data* var = (*it)->get(n.names.front());
            if (!var) continue;
            if (var->is_partial() || var->is_string()) throw Unsupported{};
            break;
          }
          break;
      }
    }
  }

 private:
  // kainjow's context::get: the innermost item that has the (dotted) name.
  const Data* Find(const Node& n) const {
    if (n.names.empty()) return stack_.back();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const Data* var = *it;
      for (const auto& name : n.names) {
        var = var->get(name);
        if (!var) break;
      }
      if (var) return var;
    }
    return nullptr;
  }

  // kainjow's render_section: each item of a list, else the value itself,
  // pushed as the innermost item (none when there is no value).
  void Section(const Node& n, const Data* var) {
    if (var && var->is_non_empty_list()) {
      for (const auto& item : var->list_value()) {
        contained_section_ = true;
        stack_.push_back(&item);
        Walk(n.children);
        stack_.pop_back();
        contained_section_ = true;
      }
      return;
    }
    contained_section_ = true;
    if (var) stack_.push_back(var);
    Walk(n.children);
    if (var) stack_.pop_back();
    contained_section_ = true;
  }

  // kainjow's render_current_line: a line that held an entered section and
  // rendered as nothing but spaces and tabs is dropped, line break and all.
  void EndLine(const std::string* line_break) {
    bool blank = true;
    for (size_t i = line_start_; i < out_.size() && blank; ++i) blank = out_[i] == ' ' || out_[i] == '\t';
    if (contained_section_ && blank) {
      out_.resize(line_start_);
    } else if (line_break) {
      out_ += *line_break;
    }
    line_start_ = out_.size();
    contained_section_ = false;
  }

  CompiledTemplate::Escape escape_;
  std::vector<const Data*> stack_;
  std::string out_;
  size_t line_start_ = 0;
  bool contained_section_ = false;
};

}  // namespace

Result<CompiledTemplate> CompiledTemplate::Compile(const std::string& source) {
  mu::context<std::string> context;
  mu::context_internal<std::string> internal{context};
  mu::component<std::string> root;
  std::string error;
  mu::parser<std::string> parse{source, internal, root, error};
  if (!error.empty()) return Error{"template", "", error};
  CompiledTemplate t;
  t.nodes_ = Convert(root.children);
  return t;
}

std::optional<std::string> CompiledTemplate::Render(const TemplateData& data, Escape escape) const {
  Renderer r(data, escape);
  try {
    r.Walk(nodes_);
  } catch (const Unsupported&) {
    return std::nullopt;
  }
  return r.Finish();
}

}  // namespace newsdesk
