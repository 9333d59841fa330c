// The data a template is rendered with: kainjow's mustache::data, plus set()
// and push_back() that move their value in.
//
// kainjow's own set() and push_back() take const references and copy the
// whole value, so a page's listing items were copied once for every level
// they are nested in; and its move constructor is not noexcept, so a growing
// list copied every item again each time the vector grew. Measured on the
// front page (44 listing items): half the request's time was malloc and free
// in those copies. The library is kept as it is (Debian's package); this only
// adds overloads beside its own.
#pragma once

#include <string>

#include <kainjow/mustache.hpp>

namespace newsdesk {

class TemplateData : public kainjow::mustache::data {
 public:
  using Base = kainjow::mustache::data;
  using Base::Base;
  TemplateData() = default;
  TemplateData(const Base& other) : Base(other) {}
  TemplateData(Base&& other) : Base(std::move(other)) {}
  TemplateData(const TemplateData& other) = default;
  TemplateData(TemplateData&& other) = default;
  TemplateData& operator=(TemplateData&& other) = default;

  using Base::push_back;
  using Base::set;
  // Moves `value` in (an object's member; replaces one of the same name).
  void set(const std::string& name, Base&& value);
  // Moves `value` to the end of this list.
  void push_back(Base&& value);
};

}  // namespace newsdesk
