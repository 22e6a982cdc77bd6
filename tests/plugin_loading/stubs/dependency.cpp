// SPDX-License-Identifier: Apache-2.0
// Stands in for a database client library that a plugin needs at load time.
extern "C" __attribute__((visibility("default"))) int jw_test_dependency_answer() { return 42; }
