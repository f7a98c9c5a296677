// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "model/atomic_file.hpp"

#include <aecv/aecv.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <opencv2/core.hpp>

namespace aecv::model {

namespace {

// 0 when all of `bytes` reached the disk, else the errno that stopped it.
int writeAll(int fd, const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? errno : EIO;
        done += static_cast<size_t>(n);
    }
    return ::fsync(fd) == 0 ? 0 : errno;
}

// Makes a rename durable; best effort (some file systems do not fsync folders).
void syncFolderOf(const std::string& path) {
    std::string folder = std::filesystem::path(path).parent_path().string();
    if (folder.empty()) folder = ".";
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// The permissions a plain open(O_CREAT, 0666) would give: mkstemp makes 0600.
mode_t newFileMode() {
    static const mode_t mask = [] {
        const mode_t m = ::umask(022);
        ::umask(m);
        return m;
    }();
    return 0666 & ~mask;
}

}  // namespace

void writeFileAtomically(const std::string& path, const std::string& bytes) {
    std::string tmp = path + ".tmp-XXXXXX";
    const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0)
        CV_Error(cv::Error::StsError, cv::format("cannot write '%s': %s; '%s' is unchanged", path.c_str(),
                 std::strerror(errno), path.c_str()));
    int error = ::fchmod(fd, newFileMode()) == 0 ? writeAll(fd, bytes) : errno;
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) error = errno;
    if (error != 0) {
        ::unlink(tmp.c_str());
        CV_Error(cv::Error::StsError, cv::format("cannot write '%s': %s; '%s' is unchanged", path.c_str(),
                 std::strerror(error), path.c_str()));
    }
    syncFolderOf(path);
}

}  // namespace aecv::model

void aecv::writeFileAtomically(const std::string& path, const std::string& bytes) {
    model::writeFileAtomically(path, bytes);
}
