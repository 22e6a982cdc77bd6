# SPDX-License-Identifier: Apache-2.0
# Installed as <prefix>/lib/cmake/JetwaySDK/JetwaySDKConfig.cmake, where find_package looks when
# CMAKE_PREFIX_PATH names the installation prefix (and, through the jetway-sdk package's link
# /usr/lib/cmake/JetwaySDK, with no setting at all). The SDK itself lives in <prefix>/sdk.
# REALPATH: reached through that link, the SDK is still found beside the real file.
get_filename_component(_jw_sdk_locator "${CMAKE_CURRENT_LIST_FILE}" REALPATH)
get_filename_component(_jw_sdk_locator "${_jw_sdk_locator}" DIRECTORY)
include("${_jw_sdk_locator}/../../../sdk/cmake/JetwaySDKConfig.cmake")
unset(_jw_sdk_locator)
