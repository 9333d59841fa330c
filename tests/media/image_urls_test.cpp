#include "media/image_urls.h"

#include <gtest/gtest.h>

namespace newsdesk::media {
namespace {

MediaItem Item(int width, int height, const std::string& format = "jpeg") {
  MediaItem m;
  m.id = "0123456789abcdef0123";
  m.width = width;
  m.height = height;
  m.format = format;
  return m;
}

TEST(ImageUrls, NamesTheFilesAnImageHas) {
  MediaItem m = Item(1000, 800);
  EXPECT_EQ(WidthsOf(m), (std::vector<int>{320, 640, 960}));
  EXPECT_EQ(MasterName(m), "0123456789abcdef0123.jpg");
  EXPECT_EQ(NameForWidth(m, 500, "webp"), "0123456789abcdef0123-640.webp");
  EXPECT_EQ(NameForWidth(m, 2000), "0123456789abcdef0123.jpg");
  EXPECT_EQ(Srcset(m, "webp", "/media/"),
            "/media/0123456789abcdef0123-320.webp 320w, /media/0123456789abcdef0123-640.webp 640w, "
            "/media/0123456789abcdef0123-960.webp 960w");
  EXPECT_EQ(Srcset(Item(300, 200), "jpeg", "https://x/media/"), "https://x/media/0123456789abcdef0123.jpg 300w");
  EXPECT_EQ(Srcset(Item(300, 200), "webp", "/media/"), "");
}

TEST(ImageUrls, CropsAre1200WideWhenTheMasterAllowsAndNeverUpscaled) {
  MediaItem big = Item(4000, 3000);
  big.focal_x = 0.25;
  big.focal_y = 0.9;
  EXPECT_EQ(CropName(big, CropShape::kOpenGraph), "0123456789abcdef0123-1200x630-25-90.jpg");
  EXPECT_EQ(CropSizeOf(big, CropShape::kWide).height, 675);
  EXPECT_EQ(CropSizeOf(big, CropShape::kStandard).height, 900);
  EXPECT_EQ(CropSizeOf(big, CropShape::kSquare).width, 1200);
  CropSize small = CropSizeOf(Item(500, 500), CropShape::kWide);
  EXPECT_EQ(small.width, 496);  // 31 × 16
  EXPECT_EQ(small.height, 279);
  CropSize tiny = CropSizeOf(Item(10, 3), CropShape::kOpenGraph);
  EXPECT_GT(tiny.width, 0);
}

TEST(ImageUrls, OnlyNamesNewsdeskMakesAreFilesOfTheImage) {
  MediaItem m = Item(2000, 1000);
  for (const std::string& name : std::vector<std::string>{"0123456789abcdef0123.jpg", "0123456789abcdef0123-640.webp",
                                                         "0123456789abcdef0123-1920.jpg",
                                                         CropName(m, CropShape::kOpenGraph),
                                                         CropName(m, CropShape::kSquare)}) {
    auto parsed = ParseFileName(name);
    ASSERT_TRUE(parsed) << name;
    EXPECT_TRUE(IsFileOf(m, *parsed)) << name;
  }
  for (std::string name : {"0123456789abcdef0123.png", "0123456789abcdef0123-641.webp",
                           "0123456789abcdef0123-640.png", "0123456789abcdef0123-1200x630-10-50.jpg",
                           "0123456789abcdef0123-999x999-50-50.jpg"}) {
    auto parsed = ParseFileName(name);
    EXPECT_TRUE(!parsed || !IsFileOf(m, *parsed)) << name;
  }
  for (std::string name : {"", ".jpg", "0123456789abcdef012.jpg", "0123456789ABCDEF0123.jpg",
                           "0123456789abcdef0123-0640.jpg", "0123456789abcdef0123-.jpg", "0123456789abcdef0123.gif",
                           "0123456789abcdef0123-1x1-101-0.jpg", "../0123456789abcdef0123.jpg",
                           "0123456789abcdef0123-64x-1-1.jpg"}) {
    EXPECT_FALSE(ParseFileName(name)) << name;
  }
}

TEST(ImageUrls, FindsTheUploadsABodyShows) {
  EXPECT_EQ(MediaIdsIn("![a](/media/0123456789abcdef0123.jpg) and https://x/media/aaaaaaaaaaaaaaaaaaaa-640.webp "
                       "and /media/0123456789abcdef0123-320.jpg and /media/short.jpg"),
            (std::vector<std::string>{"0123456789abcdef0123", "aaaaaaaaaaaaaaaaaaaa"}));
}

}  // namespace
}  // namespace newsdesk::media
