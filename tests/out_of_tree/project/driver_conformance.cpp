// SPDX-License-Identifier: Apache-2.0
// A driver vendor's conformance test: the whole suite comes from the installed SDK.
#include <jetway/sdk/testing/driver_conformance.hpp>
