// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The public filter classes: thin owners of an ImageFilter; where the shipped models are.
#include <aecv/denoiser.hpp>

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>

#include "filters/image_filter.hpp"

namespace aecv {

namespace {

// The models folder of the installed package libaecv was loaded from (lib/../share/aecv/models),
// wherever that prefix now is; "" when the library's path is unknown.
std::string modelsBesideLibrary() {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<const void*>(&modelsBesideLibrary), &info) == 0 || !info.dli_fname) return "";
    return (std::filesystem::path(info.dli_fname).parent_path() / AECV_LIB_TO_MODELS).lexically_normal().string();
}

// The filter behind a public class, or a cv::Exception naming the call when the object was moved from.
filters::ImageFilter& live(const std::unique_ptr<filters::ImageFilter>& filter, const char* owner, const char* call) {
    if (!filter)
        CV_Error(cv::Error::StsNullPtr, cv::format("%s::%s: this %s has been moved from and holds no model; assign it "
                 "another %s or call readModel() first", owner, call, owner, owner));
    return *filter;
}

// readModel() on a live filter, or a new one for a moved-from object (kept empty if the file fails).
void readInto(std::unique_ptr<filters::ImageFilter>& filter, const char* owner, const char* task,
              const std::string& path) {
    if (filter) return filter->readModel(path);
    auto fresh = std::make_unique<filters::ImageFilter>(owner, task);
    fresh->readModel(path);
    filter = std::move(fresh);
}

}  // namespace

std::string defaultModelPath(const std::string& task) {
    const std::string file = (task == "watermark" ? "unwatermark" : task) + ".onnx";
    std::vector<std::string> places;
    if (const char* dir = std::getenv("AECV_MODEL_DIR")) places.emplace_back(dir);
    if (const std::string beside = modelsBesideLibrary(); !beside.empty()) places.push_back(beside);
    places.emplace_back(AECV_INSTALLED_MODEL_DIR);
    places.emplace_back(AECV_SOURCE_MODEL_DIR);
    std::string looked;
    for (const std::string& dir : places) {
        const std::filesystem::path p = std::filesystem::path(dir) / file;
        if (std::filesystem::exists(p)) return p.string();
        looked += (looked.empty() ? "" : ", ") + p.string();
    }
    CV_Error(cv::Error::StsObjectNotFound, cv::format("no shipped '%s' model found (looked at %s); pass a model file "
             "or set AECV_MODEL_DIR", task.c_str(), looked.c_str()));
}

Denoiser::Denoiser() : Denoiser(defaultModelPath("denoise")) {}
Denoiser::Denoiser(const std::string& path) : filter_(std::make_unique<filters::ImageFilter>("Denoiser", "denoise")) {
    filter_->readModel(path);
}
Denoiser::~Denoiser() = default;
Denoiser::Denoiser(Denoiser&&) noexcept = default;
Denoiser& Denoiser::operator=(Denoiser&&) noexcept = default;
void Denoiser::readModel(const std::string& path) { readInto(filter_, "Denoiser", "denoise", path); }
void Denoiser::apply(cv::InputArray src, cv::OutputArray dst) { live(filter_, "Denoiser", "apply").apply(src, dst); }
void Denoiser::setTileSize(int size) { live(filter_, "Denoiser", "setTileSize").setTileSize(size); }
void Denoiser::setStrength(double sigma) {
    if (!live(filter_, "Denoiser", "setStrength").takesNoiseLevel())
        CV_Error(cv::Error::StsBadArg, "Denoiser::setStrength: this model has no noise-level input (it is blind); "
                 "strength needs a model with 4 input channels, like the shipped one");
    filter_->setStrength(sigma);
}
void Denoiser::setAutoStrength() { live(filter_, "Denoiser", "setAutoStrength").setAutoStrength(); }
double Denoiser::strength() const { return live(filter_, "Denoiser", "strength").strength(); }
double Denoiser::lastLevel() const { return live(filter_, "Denoiser", "lastLevel").lastLevel(); }
bool Denoiser::takesNoiseLevel() const { return live(filter_, "Denoiser", "takesNoiseLevel").takesNoiseLevel(); }
bool Denoiser::empty() const { return !filter_; }

WatermarkRemover::WatermarkRemover() : WatermarkRemover(defaultModelPath("watermark")) {}
WatermarkRemover::WatermarkRemover(const std::string& path)
    : filter_(std::make_unique<filters::ImageFilter>("WatermarkRemover", "watermark")) {
    filter_->readModel(path);
}
WatermarkRemover::~WatermarkRemover() = default;
WatermarkRemover::WatermarkRemover(WatermarkRemover&&) noexcept = default;
WatermarkRemover& WatermarkRemover::operator=(WatermarkRemover&&) noexcept = default;
void WatermarkRemover::readModel(const std::string& path) { readInto(filter_, "WatermarkRemover", "watermark", path); }
void WatermarkRemover::apply(cv::InputArray src, cv::OutputArray dst) {
    live(filter_, "WatermarkRemover", "apply").apply(src, dst);
}
void WatermarkRemover::apply(cv::InputArray src, cv::OutputArray dst, cv::OutputArray mask) {
    filters::ImageFilter& f = live(filter_, "WatermarkRemover", "apply");
    if (!f.hasMask())
        CV_Error(cv::Error::StsBadArg, "WatermarkRemover::apply: this model has no mask output (it repaints the whole "
                 "picture); a mask needs a model like the shipped one, or call apply(src, dst)");
    f.apply(src, dst, mask);
}
void WatermarkRemover::inpaint(cv::InputArray src, cv::InputArray mask, cv::OutputArray dst) {
    live(filter_, "WatermarkRemover", "inpaint").apply(src, dst, cv::noArray(), mask);
}
void WatermarkRemover::setMaskRamp(double low, double high) {
    live(filter_, "WatermarkRemover", "setMaskRamp").setMaskRamp(low, high);
}
bool WatermarkRemover::hasMask() const { return live(filter_, "WatermarkRemover", "hasMask").hasMask(); }
void WatermarkRemover::setTileSize(int size) { live(filter_, "WatermarkRemover", "setTileSize").setTileSize(size); }
bool WatermarkRemover::empty() const { return !filter_; }

}  // namespace aecv
