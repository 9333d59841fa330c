// CompiledTemplate against kainjow's own renderer: the same bytes for every
// template and data below, including kainjow's handling of lines that held
// section tags, sections over false values and empty lists, dotted names and
// the implicit iterator.
#include "render/compiled_template.h"

#include <gtest/gtest.h>

#include <kainjow/mustache.hpp>

namespace newsdesk {
namespace {

void Escape(std::string* out, std::string_view text) {
  for (char c : text) {
    if (c == '<') *out += "&lt;";
    else if (c == '&') *out += "&amp;";
    else *out += c;
  }
}

std::string ByKainjow(const std::string& source, const TemplateData& data) {
  kainjow::mustache::mustache t(source);
  t.set_custom_escape([](const std::string& s) {
    std::string out;
    Escape(&out, s);
    return out;
  });
  std::string out;
  t.render(data, [&out](const std::string& text) { out += text; });
  return out;
}

TemplateData Sample() {
  TemplateData d;
  d.set("name", std::string("Laura <Rozen> & co"));
  d.set("empty", std::string(""));
  d.set("yes", true);
  d.set("no", false);
  d.set("spaces", std::string("   "));
  TemplateData items{TemplateData::type::list};
  for (const char* t : {"one", "two", "three"}) {
    TemplateData item;
    item.set("title", std::string(t));
    if (std::string(t) == "two") item.set("flag", true);
    items.push_back(std::move(item));
  }
  d.set("items", std::move(items));
  d.set("none", TemplateData{TemplateData::type::list});
  TemplateData words{TemplateData::type::list};
  for (const char* w : {"a", "b<", "c"}) words.push_back(TemplateData(std::string(w)));
  d.set("words", std::move(words));
  TemplateData inner;
  inner.set("deep", std::string("found"));
  TemplateData outer;
  outer.set("inner", std::move(inner));
  outer.set("title", std::string("outer title"));
  d.set("outer", std::move(outer));
  return d;
}

TEST(CompiledTemplate, RendersWhatKainjowRenders) {
  const std::vector<std::string> sources = {
      "Hello {{name}}! {{{name}}} {{&name}} {{missing}}.",
      "{{#yes}}shown{{/yes}}{{#no}}hidden{{/no}}{{^no}}inverted{{/no}}{{^yes}}x{{/yes}}",
      "<ul>\n  {{#items}}\n  <li>{{title}}{{#flag}} (flagged){{/flag}}</li>\n  {{/items}}\n</ul>\n",
      "{{#none}}\nnever\n{{/none}}\n{{^none}}\nnothing here\n{{/none}}\n",
      "  {{#no}}\n  hidden\n  {{/no}}\nafter\n",
      "  {{#yes}}  \n  kept\n  {{/yes}}  \nend",
      "{{#words}}[{{.}}]{{/words}}\n{{#outer}}{{title}} {{inner.deep}} {{name}}{{/outer}}\n{{outer.inner.deep}}",
      "{{#outer.inner}}{{deep}}{{/outer.inner}}{{^outer.nothing}}no nothing{{/outer.nothing}}",
      "line one\r\nline two\r{{! a comment }}\n{{#yes}}{{empty}}{{/yes}}\n{{#yes}}{{spaces}}\n{{/yes}}x",
      "{{#items}}\n{{#flag}}\n{{title}} is flagged\n{{/flag}}\n{{^flag}}\n{{title}}\n{{/flag}}\n{{/items}}",
      "{{=<% %>=}}<% name %> {{name}} <%={{ }}=%>{{name}}",
      "{{#name}}a string section: {{.}}{{/name}}{{#empty}}empty string is true{{/empty}}",
      "\t{{#yes}}\t\n\tindented\n{{/yes}}\n\n{{#no}}{{/no}}\n   \n",
      "{{ name }} {{# yes }}spaced tags{{/ yes }}",
      "",
      "no tags at all\n",
  };
  TemplateData data = Sample();
  for (const auto& source : sources) {
    auto compiled = CompiledTemplate::Compile(source);
    ASSERT_TRUE(compiled.ok()) << source;
    auto got = compiled.value().Render(data, Escape);
    ASSERT_TRUE(got) << source;
    EXPECT_EQ(*got, ByKainjow(source, data)) << source;
  }
}

TEST(CompiledTemplate, RejectsWhatKainjowRejects) {
  for (const char* bad : {"{{#open}}never closed", "{{/closed}}", "{{unclosed", "{{#a}}{{/b}}"}) {
    auto compiled = CompiledTemplate::Compile(bad);
    EXPECT_FALSE(compiled.ok()) << bad;
    EXPECT_FALSE(kainjow::mustache::mustache(bad).is_valid()) << bad;
  }
}

TEST(CompiledTemplate, LeavesLambdasAndPartialsToKainjow) {
  TemplateData d;
  d.set("shout", kainjow::mustache::lambda{[](const std::string& s) { return s + "!"; }});
  d.set("part", kainjow::mustache::partial{[] { return std::string("partial"); }});
  EXPECT_FALSE(CompiledTemplate::Compile("{{#shout}}hi{{/shout}}").value().Render(d, Escape));
  EXPECT_FALSE(CompiledTemplate::Compile("{{shout}}").value().Render(d, Escape));
  EXPECT_FALSE(CompiledTemplate::Compile("{{> part}}").value().Render(d, Escape));
  EXPECT_EQ(*CompiledTemplate::Compile("{{> nothing}}x").value().Render(d, Escape), "x");
}

}  // namespace
}  // namespace newsdesk
