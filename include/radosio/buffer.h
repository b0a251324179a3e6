#pragma once
// Reference-counted byte buffers.
//
// `buffer` is an immutable view of bytes that keeps its storage alive; slicing shares the
// storage instead of copying, so a 4 MiB object read off a socket can travel up to the caller
// without a copy. `buffer_list` is a sequence of such slices: message payloads are assembled
// from several (header, front, caller's data) and written with one gathered write.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace radosio {

using bytes_view = std::span<const std::uint8_t>;

class buffer {
 public:
  buffer() = default;

  // Copies `bytes` into new storage.
  static buffer copy_of(bytes_view bytes);
  static buffer copy_of(std::string_view text);
  // Takes ownership of `bytes` without copying them.
  static buffer adopt(std::vector<std::uint8_t>&& bytes);
  static buffer adopt(std::string&& bytes);
  // New storage of `size` bytes, left uninitialised (no memset of a 4 MiB read buffer);
  // `out` receives where to write them. Fill them before the buffer is shared or read.
  static buffer allocate(std::size_t size, std::uint8_t*& out);
  // Refers to `bytes` without owning them; the caller keeps them alive (static tables, or
  // a caller's memory for the duration of one call).
  static buffer borrow(bytes_view bytes) { return buffer({}, bytes.data(), bytes.size()); }

  [[nodiscard]] const std::uint8_t* data() const noexcept { return data_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] bytes_view view() const noexcept { return {data_, size_}; }
  [[nodiscard]] std::string_view as_string_view() const noexcept {
    return {reinterpret_cast<const char*>(data_), size_};
  }
  [[nodiscard]] std::string to_string() const { return std::string(as_string_view()); }

  // A sub-range sharing this buffer's storage. Out-of-range requests are clamped.
  [[nodiscard]] buffer slice(std::size_t offset, std::size_t length) const noexcept;

  friend bool operator==(const buffer& a, const buffer& b) noexcept;

 private:
  buffer(std::shared_ptr<const void> owner, const std::uint8_t* data, std::size_t size)
      : owner_(std::move(owner)), data_(data), size_(size) {}

  std::shared_ptr<const void> owner_;
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

class buffer_list {
 public:
  buffer_list() = default;
  explicit buffer_list(buffer b) { append(std::move(b)); }

  void append(buffer b);
  void append(const buffer_list& other);
  void clear() noexcept;

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] const std::vector<buffer>& segments() const noexcept { return segments_; }

  // One contiguous buffer with the same bytes; no copy when there is at most one segment.
  [[nodiscard]] buffer contiguous() const;
  // Bytes [offset, offset+length) as a list of shared slices (no copy).
  [[nodiscard]] buffer_list sub_list(std::size_t offset, std::size_t length) const;
  void copy_to(std::uint8_t* out) const noexcept;
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const buffer_list& a, const buffer_list& b);

 private:
  std::vector<buffer> segments_;
  std::size_t size_ = 0;
};

}  // namespace radosio
