// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/connection_url.hpp>

#include <gtest/gtest.h>

using jetway::core::redact_url;
using jetway::core::url_scheme;

TEST(ConnectionUrl, SchemeIsTextBeforeFirstColonAfterJdbc) {
    EXPECT_EQ(url_scheme("jdbc:postgresql://h:5432/db"), "postgresql");
    EXPECT_EQ(url_scheme("postgres://u:p@h/db"), "postgres");
    EXPECT_EQ(url_scheme("jdbc:sqlite::memory:"), "sqlite");
    EXPECT_EQ(url_scheme("sqlite:///abs/app.db"), "sqlite");
    EXPECT_EQ(url_scheme("JDBC:MySQL://h/db"), "mysql");
    EXPECT_EQ(url_scheme("no-colon-here"), "");
    EXPECT_EQ(url_scheme("not a url p@ss/w:rd"), "") << "not a scheme: nothing of it is echoed";
    EXPECT_EQ(url_scheme(":x"), "");
}

TEST(ConnectionUrl, RedactsPasswordInUserInfo) {
    EXPECT_EQ(redact_url("postgres://app:s3cret@db:5432/app"), "postgres://app:***@db:5432/app");
    EXPECT_EQ(redact_url("mysql://root@localhost/x"), "mysql://root@localhost/x");
    // A password full of URL punctuation must not leak any piece of itself.
    EXPECT_EQ(redact_url("postgresql://u:p@ss/w:rd%20;x@127.0.0.1:5432/db?sslmode=require"),
              "postgresql://u:***@127.0.0.1:5432/db?sslmode=require");
}

TEST(ConnectionUrl, RedactsPasswordParameters) {
    EXPECT_EQ(redact_url("jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true"),
              "jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    EXPECT_EQ(redact_url("jdbc:mysql://h/db?PASSWORD=x;sslMode=REQUIRED"),
              "jdbc:mysql://h/db?PASSWORD=***;sslMode=REQUIRED");
    EXPECT_EQ(redact_url("jdbc:sqlite:app.db"), "jdbc:sqlite:app.db");
}

TEST(ConnectionUrl, RedactsPasswordAfterMixedSeparators) {
    // Found by fuzz_urls: a ';' before the '?' made "x?password=..." one value, left as it was.
    EXPECT_EQ(redact_url("jdbc:mysql://h;a=x&b=c/d?password=s3cret"), "jdbc:mysql://h;a=x&b=c/d?password=***");
    EXPECT_EQ(redact_url("jdbc:mysql://h/db; password =s3cret"), "jdbc:mysql://h/db; password =***");
}

// The one reading of a URL's credentials that the configuration (DATABASE_URL), the redaction
// and the CLI's scrubber share.
TEST(ConnectionUrl, FindsTheCredentialsEveryConsumerUses) {
    const std::string url = "postgres://app%40corp:p@ss:w/rd@db:5432/app?sslpassword=k3y&user=x;pwd=two";
    const auto found = jetway::core::find_url_credentials(url);
    ASSERT_TRUE(found.user.has_value());
    EXPECT_EQ(*found.user, "app%40corp");
    ASSERT_TRUE(found.password.has_value());
    EXPECT_EQ(*found.password, "p@ss:w/rd");
    EXPECT_EQ(found.secret_parameters, (std::vector<std::string_view>{"k3y", "two"}));
    EXPECT_EQ(redact_url(url), "postgres://app%40corp:***@db:5432/app?sslpassword=***&user=x;pwd=***");

    const auto none = jetway::core::find_url_credentials("jdbc:sqlite:app.db");
    EXPECT_FALSE(none.user.has_value());
    EXPECT_FALSE(none.password.has_value());
    EXPECT_TRUE(none.secret_parameters.empty());
    const auto user_only = jetway::core::find_url_credentials("mysql://root@localhost/x");
    EXPECT_EQ(user_only.user, std::optional<std::string_view>("root"));
    EXPECT_FALSE(user_only.password.has_value());
}
