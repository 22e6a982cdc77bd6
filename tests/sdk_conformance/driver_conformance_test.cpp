// SPDX-License-Identifier: Apache-2.0
// Our three drivers run the SDK's conformance suite exactly as a vendor's driver would: this file
// only includes it; which plugin and database it runs against comes from the environment.
#include <jetway/sdk/testing/driver_conformance.hpp>
