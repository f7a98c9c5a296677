// aecv: autoencoders for OpenCV.
// Files that are either the old version or the new one, never half of either.
#pragma once

#include <string>

namespace aecv::model {

// Writes `bytes` to `path` through `path`.tmp: write, fsync, rename, fsync of the folder. On any
// failure (disk full, no permission) the temporary file is removed, `path` keeps what it held,
// and a cv::Exception says why: "cannot write 'x.tmp': No space left on device; 'x' is unchanged".
// A process killed midway leaves at most a stale `path`.tmp, which the next write replaces.
void writeFileAtomically(const std::string& path, const std::string& bytes);

}  // namespace aecv::model
