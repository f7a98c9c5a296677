// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// A learned image filter shown on live video, a video file or one picture: what aecv-denoise and
// aecv-unwatermark share.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <boost/program_options.hpp>
#include <opencv2/core.hpp>

namespace aecv::samples {

// Where frames come from and where results go.
struct SourceOptions {
    int camera = 0;
    std::string input, output, model;
    bool headless = false;
    bool compare = false;  // --output gets input | output side by side
    int frames = 0;
    uint64_t seed = 1;
    std::string precision = "auto";  // aecv::setPrecision: auto (bf16 where the CPU has it) | f32 | bf16
    // Batch: every file --input-list names (images or videos, one path a line) into --output-dir,
    // shared out among the ranks under mpirun (samples/common/ranks.hpp).
    std::string inputList, outputDir;

    // --camera, --input, --model, --headless, --output, --compare, --frames, --seed, --precision,
    // --input-list, --output-dir
    void addTo(boost::program_options::options_description& options);
    // After parsing: UsageError for bad values; headless (saying so) when there is no display.
    void check();
};

struct FilterDemo {
    std::string name;                    // "aecv-denoise": the window title starts with it
    std::string spoiledLabel = "input";  // names in the PSNR line: "PSNR noisy 20.4 dB, denoised 30.0 dB"
    std::string restoredLabel = "output";
    // Spoils a clean frame first (--add-noise, --add-watermark); empty: frames are filtered as they come.
    std::function<cv::Mat(const cv::Mat& frame, cv::RNG& rng)> spoil;
    std::function<void(const cv::Mat& in, cv::Mat& out)> restore;
    // Called as each picture or video starts (of --input-list, each file): what the filter kept
    // from earlier frames (aecv-unwatermark: the marks its last look found) is not for this one.
    std::function<void()> startSource;
    // A picture of how the last frame was restored (aecv-unwatermark: the mask, 0..255 grey),
    // shown between input and output, written to `middleOutput` when that is set; empty: none.
    std::function<cv::Mat()> middle;
    std::string middleLabel = "mask";
    std::string middleOutput;  // an image, or a video (MJPG .avi) for video input
};

// With --input-list: each file into --output-dir under its own name (a video as NAME.avi, MJPG),
// file i by rank i mod N; a file that cannot be read or filtered is reported by name ("error:
// PATH: why") and the rest are still done; exit code 1 if any failed on any rank. Otherwise:
// Runs `demo` on --input (a picture or a video) or on the camera, falling back to opencv-doc's
// vtest.avi when the camera does not open; shows input | output (input | middle | output when
// the demo has a middle picture) with the frame rate in a window
// unless headless; writes --output (MJPG .avi, or an image); stops at the end of the input, after
// --frames, on q/Esc or Ctrl-C. Prints the frame count, the filter's frame rate and, when frames
// were spoiled, the mean PSNR of spoiled and restored frames against the clean ones.
int runFilterDemo(const FilterDemo& demo, const SourceOptions& o);

// Fallback when there is no camera.
extern const char* const kFallbackVideo;

}  // namespace aecv::samples
