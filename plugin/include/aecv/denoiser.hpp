// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include <opencv2/core.hpp>

/// @file
/// aecv::Denoiser and aecv::WatermarkRemover: learned image filters for ordinary cv::Mat images.

namespace aecv {

namespace filters {
class ImageFilter;
}

/// Removes noise from images with an aecv denoising model (task "denoise").
///
/// Takes CV_8UC1, CV_8UC3 (BGR), CV_8UC4 (BGRA, alpha passed through) and CV_32F images with 1, 3
/// or 4 channels in [0, 1], of any size: large images run in overlapping tiles, so memory stays
/// bounded and no seams show; sizes that are not a multiple of the model's stride are padded and
/// cropped back. The result has the type and size of the input.
/// @code
///     aecv::Denoiser denoiser("denoise.onnx");   // or aecv::Denoiser() for the shipped model
///     denoiser.apply(noisyFrame, cleanFrame);
/// @endcode
class Denoiser {
public:
    /// Loads the shipped default model (see defaultModelPath()).
    Denoiser();
    /// Loads `path` (same as readModel()).
    explicit Denoiser(const std::string& path);
    ~Denoiser();
    Denoiser(Denoiser&&) noexcept;
    Denoiser& operator=(Denoiser&&) noexcept;

    /// Loads an aecv model of task "denoise"; cv::Exception for another task or a bad file.
    void readModel(const std::string& path);
    void apply(cv::InputArray src, cv::OutputArray dst);
    /// Tiles are `size` x `size` pixels plus an overlap on each side (default 1024: video up to
    /// 1120 px wide runs in one piece).
    void setTileSize(int size);

private:
    std::unique_ptr<filters::ImageFilter> filter_;
};

/// Removes visible watermarks (text, logos) with an aecv model of task "watermark".
/// Same image types, sizes and tiling as Denoiser.
class WatermarkRemover {
public:
    WatermarkRemover();
    explicit WatermarkRemover(const std::string& path);
    ~WatermarkRemover();
    WatermarkRemover(WatermarkRemover&&) noexcept;
    WatermarkRemover& operator=(WatermarkRemover&&) noexcept;

    void readModel(const std::string& path);
    void apply(cv::InputArray src, cv::OutputArray dst);
    void setTileSize(int size);

private:
    std::unique_ptr<filters::ImageFilter> filter_;
};

/// Where the shipped model for `task` ("denoise", "watermark"), or the shipped model named `task`
/// ("fashion_vae", "shapes_vae"), is: $AECV_MODEL_DIR, then the installed models
/// (<prefix>/share/aecv/models), then the source tree's samples/models.
/// cv::Exception naming the places looked at when none has it.
std::string defaultModelPath(const std::string& task);

}  // namespace aecv
