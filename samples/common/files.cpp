// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "files.hpp"

#include "sample_main.hpp"

#include <aecv/aecv.hpp>

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <opencv2/imgcodecs.hpp>

namespace fs = std::filesystem;

namespace aecv::samples {

namespace {

std::string folderOf(const std::string& path) {
    const std::string folder = fs::path(path).parent_path().string();
    return folder.empty() ? "." : folder;
}

std::string lowerExtension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

}  // namespace

std::string unreadableReason(const std::string& path) {
    struct stat s {};
    if (::stat(path.c_str(), &s) != 0) return std::strerror(errno);
    if (S_ISDIR(s.st_mode)) return "is a directory";
    if (::access(path.c_str(), R_OK) != 0) return std::strerror(errno);
    return "";
}

bool sameFile(const std::string& a, const std::string& b) {
    std::error_code error, other;
    if (fs::equivalent(a, b, error)) return true;  // both exist: same inode (links, hard links)
    // Not both there yet: compare what the spellings resolve to.
    const fs::path x = fs::weakly_canonical(a, error), y = fs::weakly_canonical(b, other);
    return !error && !other && x == y;
}

void checkOutputPath(const std::string& option, const std::string& path, const std::vector<std::string>& inputs) {
    const std::string named = option + " '" + path + "'";
    for (const std::string& input : inputs)
        if (!input.empty() && sameFile(path, input))
            throw UsageError(named + " is the input file '" + input +
                             "': the result would overwrite what it is made from; write it to another file");
    std::error_code error;
    if (fs::is_directory(path, error)) throw UsageError(named + " is a directory; expected a file name");
    const std::string folder = folderOf(path);
    if (!fs::is_directory(folder, error)) throw UsageError(named + ": the folder '" + folder + "' does not exist");
    if (::access(folder.c_str(), W_OK) != 0)
        throw UsageError(named + ": the folder '" + folder + "' cannot be written: " + std::strerror(errno));
    if (fs::exists(path, error) && ::access(path.c_str(), W_OK) != 0)
        throw UsageError(named + " cannot be written: " + std::strerror(errno));
}

bool isImageOutput(const std::string& option, const std::string& path) {
    if (lowerExtension(path) == ".avi") return false;
    if (!fs::path(path).extension().empty() && cv::haveImageWriter(path)) return true;
    throw UsageError(option + " '" + path + "': unknown kind of file; expected an image (.png, .jpg, .tif, ...) or a "
                     "video (.avi)");
}

void writeImage(const std::string& path, const cv::Mat& image) {
    std::vector<uchar> bytes;
    if (!cv::imencode(fs::path(path).extension().string(), image, bytes))
        throw std::runtime_error("cannot write '" + path + "': OpenCV cannot encode this image as " +
                                 fs::path(path).extension().string());
    aecv::writeFileAtomically(path, std::string(bytes.begin(), bytes.end()));
}

VideoOutput::~VideoOutput() {
    if (tmp_.empty()) return;
    writer_.release();
    ::unlink(tmp_.c_str());
}

void VideoOutput::write(const cv::Mat& frame, double fps) {
    if (!writer_.isOpened()) {
        // A name of our own beside the result, with its extension (OpenCV picks the container by it).
        std::string tmp = folderOf(path_) + "/." + fs::path(path_).stem().string() + ".XXXXXX" +
                          fs::path(path_).extension().string();
        const int fd = ::mkstemps(tmp.data(), static_cast<int>(fs::path(path_).extension().string().size()));
        if (fd < 0) throw std::runtime_error("cannot write '" + path_ + "': " + std::strerror(errno));
        const mode_t mask = ::umask(022);  // mkstemps makes 0600; give the video what a new file gets
        ::umask(mask);
        ::fchmod(fd, 0666 & ~mask);
        ::close(fd);
        tmp_ = tmp;
        if (!writer_.open(tmp_, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), fps > 0 && fps < 1000 ? fps : 25.0,
                          frame.size(), frame.channels() != 1))
            throw std::runtime_error("cannot write '" + path_ + "': OpenCV cannot encode MJPG video here");
    }
    writer_.write(frame);
    ++frames_;
}

void VideoOutput::finish() {
    if (tmp_.empty()) return;  // no frame: nothing to write
    writer_.release();
    // cv::VideoWriter reports no write errors: read the frame count back from the file.
    cv::VideoCapture check(tmp_);
    const int found = check.isOpened() ? static_cast<int>(check.get(cv::CAP_PROP_FRAME_COUNT)) : 0;
    check.release();
    struct statvfs disk {};
    const bool full = ::statvfs(tmp_.c_str(), &disk) == 0 && disk.f_bavail == 0;
    if (found != frames_ || full) {
        ::unlink(tmp_.c_str());
        tmp_.clear();
        throw std::runtime_error(cv::format("cannot write '%s': %s (%d of %d frames reached the file); '%s' is unchanged",
                                            path_.c_str(), full ? std::strerror(ENOSPC) : "the video is incomplete",
                                            std::max(found, 0), frames_, path_.c_str()));
    }
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
        const int error = errno;
        ::unlink(tmp_.c_str());
        tmp_.clear();
        throw std::runtime_error("cannot write '" + path_ + "': " + std::strerror(error));
    }
    tmp_.clear();
}

}  // namespace aecv::samples
