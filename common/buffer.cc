#include "common/buffer.h"

#include <algorithm>
#include <cstring>

namespace radosio {

buffer buffer::copy_of(bytes_view bytes) {
  return adopt(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
}

buffer buffer::copy_of(std::string_view text) {
  return adopt(std::string(text));
}

buffer buffer::adopt(std::vector<std::uint8_t>&& bytes) {
  auto owner = std::make_shared<const std::vector<std::uint8_t>>(std::move(bytes));
  const auto* data = owner->data();
  const auto size = owner->size();
  return buffer(std::move(owner), data, size);
}

buffer buffer::adopt(std::string&& bytes) {
  auto owner = std::make_shared<const std::string>(std::move(bytes));
  const auto* data = reinterpret_cast<const std::uint8_t*>(owner->data());
  const auto size = owner->size();
  return buffer(std::move(owner), data, size);
}

buffer buffer::allocate(std::size_t size, std::uint8_t*& out) {
  std::shared_ptr<std::uint8_t[]> owner = std::make_shared_for_overwrite<std::uint8_t[]>(size);
  out = owner.get();
  return buffer(std::shared_ptr<const void>(owner, owner.get()), out, size);
}

buffer buffer::slice(std::size_t offset, std::size_t length) const noexcept {
  offset = std::min(offset, size_);
  length = std::min(length, size_ - offset);
  return buffer(owner_, data_ + offset, length);
}

bool operator==(const buffer& a, const buffer& b) noexcept {
  return a.size_ == b.size_ && (a.size_ == 0 || std::memcmp(a.data_, b.data_, a.size_) == 0);
}

void buffer_list::append(buffer b) {
  if (b.empty()) return;
  size_ += b.size();
  segments_.push_back(std::move(b));
}

void buffer_list::append(const buffer_list& other) {
  for (const auto& seg : other.segments_) append(seg);
}

void buffer_list::clear() noexcept {
  segments_.clear();
  size_ = 0;
}

buffer buffer_list::contiguous() const {
  if (segments_.empty()) return {};
  if (segments_.size() == 1) return segments_.front();
  std::vector<std::uint8_t> flat(size_);
  copy_to(flat.data());
  return buffer::adopt(std::move(flat));
}

buffer_list buffer_list::sub_list(std::size_t offset, std::size_t length) const {
  buffer_list out;
  for (const auto& seg : segments_) {
    if (length == 0) break;
    if (offset >= seg.size()) {
      offset -= seg.size();
      continue;
    }
    const auto take = std::min(length, seg.size() - offset);
    out.append(seg.slice(offset, take));
    length -= take;
    offset = 0;
  }
  return out;
}

void buffer_list::copy_to(std::uint8_t* out) const noexcept {
  for (const auto& seg : segments_) {
    if (seg.empty()) continue;
    std::memcpy(out, seg.data(), seg.size());
    out += seg.size();
  }
}

std::string buffer_list::to_string() const {
  std::string s(size_, '\0');
  copy_to(reinterpret_cast<std::uint8_t*>(s.data()));
  return s;
}

bool operator==(const buffer_list& a, const buffer_list& b) {
  if (a.size() != b.size()) return false;
  return a.contiguous() == b.contiguous();
}

}  // namespace radosio
