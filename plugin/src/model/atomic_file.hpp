// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Files that are either the old version or the new one, never half of either.
#pragma once

#include <string>

namespace aecv::model {

// Writes `bytes` to `path` through a temporary file of its own in the same folder
// (`path`.tmp-XXXXXX, made by mkstemp, so concurrent writers never share one): write, fsync,
// rename, fsync of the folder. On any failure (disk full, no permission) the temporary file is
// removed, `path` keeps what it held, and a cv::Exception says why:
// "cannot write 'x': No space left on device; 'x' is unchanged". Of concurrent writers the last
// rename wins, and each file seen under `path` is one writer's whole bytes. A process killed
// midway leaves at most a stale `path`.tmp-XXXXXX beside `path`, never a broken `path`.
void writeFileAtomically(const std::string& path, const std::string& bytes);

}  // namespace aecv::model
