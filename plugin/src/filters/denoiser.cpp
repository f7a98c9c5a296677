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

Filter::Filter(const char* owner, const char* task, const std::string& path)
    : filter_(std::make_unique<filters::ImageFilter>(owner, task)), owner_(owner), task_(task) {
    filter_->readModel(path);
}

Filter::~Filter() = default;
Filter::Filter(Filter&&) noexcept = default;
Filter& Filter::operator=(Filter&&) noexcept = default;

filters::ImageFilter& Filter::live(const char* call) const {
    if (!filter_)
        CV_Error(cv::Error::StsNullPtr, cv::format("%s::%s: this %s has been moved from and holds no model; assign it "
                 "another %s or call readModel() first", owner_, call, owner_, owner_));
    return *filter_;
}

void Filter::readModel(const std::string& path) {
    if (filter_) return filter_->readModel(path);
    auto fresh = std::make_unique<filters::ImageFilter>(owner_, task_);  // a moved-from object: kept empty on failure
    fresh->readModel(path);
    filter_ = std::move(fresh);
}

void Filter::apply(cv::InputArray src, cv::OutputArray dst) { live("apply").apply(src, dst); }
void Filter::setTileSize(int size) { live("setTileSize").setTileSize(size); }
bool Filter::empty() const { return !filter_; }

Denoiser::Denoiser() : Denoiser(defaultModelPath("denoise")) {}
Denoiser::Denoiser(const std::string& path) : Filter("Denoiser", "denoise", path) {}

void Denoiser::setStrength(double sigma) {
    filters::ImageFilter& f = live("setStrength");
    if (!f.takesNoiseLevel())
        CV_Error(cv::Error::StsBadArg, "Denoiser::setStrength: this model has no noise-level input (it is blind); "
                 "strength needs a model with 4 input channels, like the shipped one");
    f.setStrength(sigma);
}

void Denoiser::setAutoStrength() { live("setAutoStrength").setAutoStrength(); }
double Denoiser::strength() const { return live("strength").strength(); }
double Denoiser::lastLevel() const { return live("lastLevel").lastLevel(); }
bool Denoiser::takesNoiseLevel() const { return live("takesNoiseLevel").takesNoiseLevel(); }

WatermarkRemover::WatermarkRemover() : WatermarkRemover(defaultModelPath("watermark")) {}
WatermarkRemover::WatermarkRemover(const std::string& path) : Filter("WatermarkRemover", "watermark", path) {}

void WatermarkRemover::apply(cv::InputArray src, cv::OutputArray dst, cv::OutputArray mask) {
    filters::ImageFilter& f = live("apply");
    if (!f.hasMask())
        CV_Error(cv::Error::StsBadArg, "WatermarkRemover::apply: this model has no mask output (it repaints the whole "
                 "picture); a mask needs a model like the shipped one, or call apply(src, dst)");
    f.apply(src, dst, mask);
}

void WatermarkRemover::inpaint(cv::InputArray src, cv::InputArray mask, cv::OutputArray dst) {
    filters::ImageFilter& f = live("inpaint");
    if (mask.empty())
        CV_Error(cv::Error::StsBadArg, cv::format("WatermarkRemover::inpaint: the mask is empty; expected CV_8UC1 or "
                 "CV_32FC1 of the image's size, %dx%d", src.cols(), src.rows()));
    f.apply(src, dst, cv::noArray(), mask);
}

void WatermarkRemover::setMaskRamp(double low, double high) { live("setMaskRamp").setMaskRamp(low, high); }
void WatermarkRemover::setConfirmWithin(double share) { live("setConfirmWithin").setConfirmWithin(share); }
void WatermarkRemover::setDetectScale(double scale) { live("setDetectScale").setDetectScale(scale); }
void WatermarkRemover::setDetectEvery(int frames) { live("setDetectEvery").setDetectEvery(frames); }
bool WatermarkRemover::hasMask() const { return live("hasMask").hasMask(); }
bool WatermarkRemover::takesMask() const { return live("takesMask").takesMask(); }

}  // namespace aecv
