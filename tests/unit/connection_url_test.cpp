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
