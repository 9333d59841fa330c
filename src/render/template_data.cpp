#include "render/template_data.h"

#include <algorithm>
#include <vector>

namespace newsdesk {

void TemplateData::set(const std::string& name, Base&& value) {
  if (!is_object()) return;
  // One lookup; kainjow's set() looks the name up three times and copies the
  // name and the value into a pair before the map copies them again.
  (*this)[name] = std::move(value);
}

void TemplateData::push_back(Base&& value) {
  if (!is_list()) return;
  auto& items = const_cast<kainjow::mustache::basic_list<std::string>&>(list_value());
  if (items.size() == items.capacity()) {
    // Grown by moving each item: std::vector would copy them, as the items'
    // move constructor is not noexcept.
    std::vector<Base> grown;
    grown.reserve(std::max<size_t>(8, items.capacity() * 2));
    for (auto& item : items) grown.emplace_back(std::move(item));
    items.swap(grown);
  }
  items.emplace_back(std::move(value));
}

}  // namespace newsdesk
