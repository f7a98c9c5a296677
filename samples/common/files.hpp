// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The files a sample reads and writes: checked before any work, written so that a failure never
// leaves a half-written file behind or reports success, and an input is never overwritten.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

namespace aecv::samples {

// Why `path` cannot be read: "No such file or directory", "Permission denied", "is a directory";
// "" when it can.
std::string unreadableReason(const std::string& path);

// True when `a` and `b` name the same file: through links, "./x", "../dir/x" or a hard link.
bool sameFile(const std::string& a, const std::string& b);

// UsageError "--out 'p' is a directory" / "... the folder 'd' does not exist" / "... cannot be
// written: Permission denied" / "... is the input file 'q': the result would overwrite what it
// is made from", for the output `path` of option `option` and the files it is made from.
void checkOutputPath(const std::string& option, const std::string& path, const std::vector<std::string>& inputs);

// True for a path OpenCV writes as an image (by its extension); false for an .avi video;
// UsageError naming `option` for anything else.
bool isImageOutput(const std::string& option, const std::string& path);

// Encodes `image` by `path`'s extension and writes it atomically (aecv::writeFileAtomically):
// on any failure `path` keeps what it held and the error says why.
void writeImage(const std::string& path, const cv::Mat& image);

// An MJPG .avi written to a temporary file beside `path` and moved there by finish() once every
// frame is verified to be in it; a full disk, an interrupt or an exception leaves `path` as it was.
class VideoOutput {
public:
    explicit VideoOutput(std::string path) : path_(std::move(path)) {}
    ~VideoOutput();
    VideoOutput(const VideoOutput&) = delete;
    VideoOutput& operator=(const VideoOutput&) = delete;

    void write(const cv::Mat& frame, double fps);
    // Closes the video, checks that it holds all frames written, then renames it to `path`;
    // std::runtime_error "cannot write 'p': No space left on device (...); 'p' is unchanged".
    void finish();
    int frames() const { return frames_; }

private:
    std::string path_, tmp_;
    cv::VideoWriter writer_;
    int frames_ = 0;
};

}  // namespace aecv::samples
