#include "render/embeds.h"

#include <gtest/gtest.h>

#include "render/html_sanitizer.h"
#include "render/markdown.h"

namespace newsdesk {
namespace {

TEST(Embeds, RecognisesEachProviderAndBuildsItsFrame) {
  struct Case {
    const char* url;
    const char* provider;
    const char* frame;
  };
  const Case cases[] = {
      {"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"},
      {"https://youtu.be/dQw4w9WgXcQ", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"},
      {"//www.youtube.com/embed/dQw4w9WgXcQ?rel=0", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"},
      {"https://vimeo.com/76979871", "Vimeo", "https://player.vimeo.com/video/76979871?dnt=1"},
      {"https://player.vimeo.com/video/76979871", "Vimeo", "https://player.vimeo.com/video/76979871?dnt=1"},
      {"https://www.dailymotion.com/video/x7tgad0", "Dailymotion", "https://www.dailymotion.com/embed/video/x7tgad0"},
      {"https://twitter.com/jack/status/20", "X (Twitter)", "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=20"},
      {"https://x.com/jack/status/20", "X (Twitter)", "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=20"},
      {"https://www.instagram.com/p/BsOGulcndj-/", "Instagram", "https://www.instagram.com/p/BsOGulcndj-/embed/"},
      {"https://www.facebook.com/20531316728/posts/10154009990506729/", "Facebook",
       "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2F20531316728%2Fposts%2F10154009990506729%2F"},
      {"https://www.tiktok.com/@scout2015/video/6718335390845095173", "TikTok", "https://www.tiktok.com/embed/v2/6718335390845095173"},
      {"https://soundcloud.com/forss/flickermood", "SoundCloud",
       "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fforss%2Fflickermood"},
      {"https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", "Spotify", "https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC"},
      {"https://www.google.com/maps/embed?pb=!1m18!1m12", "Google Maps", "https://www.google.com/maps/embed?pb=!1m18!1m12"},
      {"https://datawrapper.dwcdn.net/AbC12/3/", "Datawrapper", "https://datawrapper.dwcdn.net/AbC12/3/"},
      {"https://public.flourish.studio/visualisation/1234567/", "Flourish", "https://flo.uri.sh/visualisation/1234567/embed"},
  };
  for (const auto& c : cases) {
    auto e = RecogniseEmbed(c.url);
    ASSERT_TRUE(e) << c.url;
    EXPECT_EQ(e->provider, c.provider) << c.url;
    EXPECT_EQ(e->frame_src, c.frame) << c.url;
  }
}

TEST(Embeds, RefusesOtherUrlsAndBadIds) {
  for (const char* url : {"https://example.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=short",
                          "https://www.youtube.com/watch?v=dQw4w9WgXc\"", "javascript:alert(1)",
                          "https://www.google.com/maps/place/Paris", "https://vimeo.com/about",
                          "https://twitter.com/jack", "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ"}) {
    EXPECT_FALSE(RecogniseEmbed(url)) << url;
  }
}

TEST(Embeds, ALoneUrlInAParagraphBecomesAFacadeWithNoFrame) {
  std::string html = RenderMarkdown("Before.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nSee https://vimeo.com/76979871 too.\n");
  int count = 0;
  std::string out = RenderEmbeds(html, &count);
  EXPECT_EQ(count, 1);
  EXPECT_NE(out.find("<figure class=\"embed embed-video\" data-embed-src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\""),
            std::string::npos) << out;
  EXPECT_NE(out.find("<a class=\"embed-link\" href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">Open it on YouTube</a>"),
            std::string::npos);
  EXPECT_EQ(out.find("<iframe"), std::string::npos);
  EXPECT_NE(out.find("<p>Before.</p>"), std::string::npos);
  // A URL inside a sentence stays a link.
  EXPECT_NE(out.find("See <a href=\"https://vimeo.com/76979871\">"), std::string::npos) << out;
  // The same from sanitised HTML (an import), a link whose text is the URL.
  out = RenderEmbeds(SanitizeHtml("<p><a href=\"https://x.com/jack/status/20\">https://x.com/jack/status/20</a></p>"), &count);
  EXPECT_EQ(count, 1);
  EXPECT_NE(out.find("Show the post from X (Twitter)"), std::string::npos);
}

}  // namespace
}  // namespace newsdesk
