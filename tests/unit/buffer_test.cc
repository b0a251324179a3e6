#include "common/buffer.h"

#include <gtest/gtest.h>

namespace radosio {
namespace {

TEST(Buffer, SliceSharesStorageAndClamps) {
  const auto b = buffer::copy_of(std::string_view("hello world"));
  const auto s = b.slice(6, 5);
  EXPECT_EQ(s.as_string_view(), "world");
  EXPECT_EQ(s.data(), b.data() + 6);  // no copy
  EXPECT_EQ(b.slice(6, 100).as_string_view(), "world");
  EXPECT_TRUE(b.slice(100, 5).empty());
}

TEST(Buffer, SliceOutlivesOriginal) {
  buffer tail;
  {
    auto b = buffer::adopt(std::string("abcdef"));
    tail = b.slice(3, 3);
  }
  EXPECT_EQ(tail.as_string_view(), "def");
}

TEST(BufferList, AppendsSkipEmptyAndCountBytes) {
  buffer_list bl;
  bl.append(buffer::copy_of(std::string_view("ab")));
  bl.append(buffer{});
  bl.append(buffer::copy_of(std::string_view("cde")));
  EXPECT_EQ(bl.size(), 5u);
  EXPECT_EQ(bl.segments().size(), 2u);
  EXPECT_EQ(bl.to_string(), "abcde");
  EXPECT_EQ(bl.contiguous().as_string_view(), "abcde");
}

TEST(BufferList, ContiguousOfOneSegmentIsNotCopied) {
  const auto b = buffer::copy_of(std::string_view("xyz"));
  buffer_list bl(b);
  EXPECT_EQ(bl.contiguous().data(), b.data());
}

TEST(BufferList, SubListCrossesSegments) {
  buffer_list bl;
  bl.append(buffer::copy_of(std::string_view("abc")));
  bl.append(buffer::copy_of(std::string_view("def")));
  bl.append(buffer::copy_of(std::string_view("ghi")));
  EXPECT_EQ(bl.sub_list(2, 5).to_string(), "cdefg");
  EXPECT_EQ(bl.sub_list(2, 5).segments().size(), 3u);
  EXPECT_EQ(bl.sub_list(8, 10).to_string(), "i");
  EXPECT_TRUE(bl.sub_list(9, 1).empty());
}

TEST(BufferList, EqualityComparesBytesNotSegmentation) {
  buffer_list a, b;
  a.append(buffer::copy_of(std::string_view("abcd")));
  b.append(buffer::copy_of(std::string_view("ab")));
  b.append(buffer::copy_of(std::string_view("cd")));
  EXPECT_EQ(a, b);
  b.append(buffer::copy_of(std::string_view("e")));
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace radosio
