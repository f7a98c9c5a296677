// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "image_folder.hpp"

#include "presets.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ops/tensor.hpp"

namespace aecv::train {

namespace fs = std::filesystem;

PhotoSplit loadPhotoFolder(const std::string& dir, int minSide, int holdOut) {
    if (!fs::is_directory(dir)) CV_Error(cv::Error::StsError, cv::format("'%s' is not a folder", dir.c_str()));
    std::vector<fs::path> files;
    for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
        std::string ext = e.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        if (e.is_regular_file() && (ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp" ||
                                    ext == ".tif" || ext == ".tiff" || ext == ".webp"))
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    PhotoSplit split;
    int usable = 0;
    for (const fs::path& f : files) {
        cv::Mat image = cv::imread(f.string(), cv::IMREAD_COLOR);
        if (image.empty() || image.rows < minSide || image.cols < minSide) continue;
        const bool validation = holdOut > 0 && usable % holdOut == 0;
        (validation ? split.validation : split.train).push_back(image);
        (validation ? split.validationNames : split.trainNames).push_back(f.filename().string());
        ++usable;
    }
    if (split.train.empty() || split.validation.empty())
        CV_Error(cv::Error::StsError, cv::format("'%s' has %d usable images (jpg, jpeg, png, bmp, tif, tiff, webp of "
                 "at least %dx%d); expected at least 2", dir.c_str(), usable, minSide, minSide));
    return split;
}

namespace {

void append(PhotoSplit& to, PhotoSplit&& from) {
    for (size_t i = 0; i < from.train.size(); ++i) {
        to.train.push_back(std::move(from.train[i]));
        to.trainNames.push_back(std::move(from.trainNames[i]));
    }
    for (size_t i = 0; i < from.validation.size(); ++i) {
        to.validation.push_back(std::move(from.validation[i]));
        to.validationNames.push_back(std::move(from.validationNames[i]));
    }
}

PhotoSplit loadPhotoList(const std::string& list, int minSide, int holdOut) {
    std::ifstream in(list);
    if (!in) CV_Error(cv::Error::StsError, cv::format("cannot read the photo list '%s'", list.c_str()));
    const fs::path base = fs::path(list).parent_path();
    PhotoSplit split;
    int usable = 0;
    std::string line;
    while (std::getline(in, line)) {
        line = line.substr(0, line.find('#'));
        line.erase(0, line.find_first_not_of(" \t"));
        line.erase(line.find_last_not_of(" \t\r") + 1);
        if (line.empty()) continue;
        const fs::path f = fs::path(line).is_absolute() ? fs::path(line) : base / line;
        cv::Mat image = cv::imread(f.string(), cv::IMREAD_COLOR);
        if (image.empty())
            CV_Error(cv::Error::StsError, cv::format("'%s' (listed in '%s') cannot be read; the training photos come "
                     "from Debian packages: .ci/install-deps --training-data", f.string().c_str(), list.c_str()));
        if (image.rows < minSide || image.cols < minSide) continue;
        const bool validation = holdOut > 0 && usable % holdOut == 0;
        (validation ? split.validation : split.train).push_back(image);
        (validation ? split.validationNames : split.trainNames).push_back(f.filename().string());
        ++usable;
    }
    if (split.train.empty() || split.validation.empty())
        CV_Error(cv::Error::StsError, cv::format("the photo list '%s' has %d usable images; expected at least 2",
                 list.c_str(), usable));
    return split;
}

}  // namespace

PhotoSplit loadPhotos(const std::string& spec, int minSide, int holdOut, int maxSide) {
    PhotoSplit all;
    size_t start = 0;
    while (start <= spec.size()) {
        const size_t end = std::min(spec.find(':', start), spec.size());
        const std::string source = spec.substr(start, end - start);
        start = end + 1;
        if (source.empty()) continue;
        const bool list = fs::path(source).extension() == ".txt";
        append(all, list ? loadPhotoList(source, minSide, holdOut) : loadPhotoFolder(source, minSide, holdOut));
    }
    if (all.train.empty()) CV_Error(cv::Error::StsError, cv::format("no photos in '%s'", spec.c_str()));
    if (maxSide > 0)
        for (std::vector<cv::Mat>* set : {&all.train, &all.validation})
            for (cv::Mat& image : *set) {
                const int side = std::max(image.rows, image.cols);
                if (side <= maxSide) continue;
                const double f = static_cast<double>(maxSide) / side;
                cv::resize(image, image, cv::Size(), f, f, cv::INTER_AREA);
            }
    return all;
}

namespace {

// samplePatches' colour jitter of one 8-bit BGR patch, in place.
void jitterColours(cv::Mat& patch, cv::RNG& rng) {
    static constexpr int kOrders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    const int* order = kOrders[rng.uniform(0, 6)];
    const double range = std::log(4.0 / 3.0);
    const double gain = std::exp(rng.uniform(-range, range)), gamma = std::exp(rng.uniform(-range, range));
    cv::Mat lut(1, 256, CV_8U);
    for (int v = 0; v < 256; ++v)
        lut.at<uchar>(v) = cv::saturate_cast<uchar>(255.0 * std::min(1.0, gain * std::pow(v / 255.0, gamma)));
    cv::Mat permuted(patch.size(), patch.type());
    const int pairs[] = {order[0], 0, order[1], 1, order[2], 2};
    cv::mixChannels(&patch, 1, &permuted, 1, pairs, 3);
    cv::LUT(permuted, lut, patch);
}

}  // namespace

void samplePatches(const std::vector<cv::Mat>& photos, int n, int size, cv::RNG& rng, cv::Mat& batch,
                   double minScale, bool colourJitter) {
    CV_Assert(minScale > 0 && minScale <= 1);
    ops::ensureTensor(batch, {n, 3, size, size});
    std::vector<double> cumulative;
    double total = 0;
    for (const cv::Mat& p : photos) cumulative.push_back(total += static_cast<double>(p.total()));
    cv::Mat patch;
    for (int i = 0; i < n; ++i) {
        const double pick = rng.uniform(0.0, total);
        const size_t k = static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), pick) -
                                             cumulative.begin());
        const cv::Mat& photo = photos[std::min(k, photos.size() - 1)];
        int side = size;
        if (minScale < 1) {
            const double scale = std::exp(rng.uniform(std::log(minScale), 0.0));
            side = std::min({cvRound(size / scale), photo.cols, photo.rows});
        }
        const int x = rng.uniform(0, photo.cols - side + 1), y = rng.uniform(0, photo.rows - side + 1);
        if (side == size) photo(cv::Rect(x, y, size, size)).copyTo(patch);
        else cv::resize(photo(cv::Rect(x, y, side, side)), patch, cv::Size(size, size), 0, 0, cv::INTER_AREA);
        const int flip = rng.uniform(0, 4);  // none, vertical, horizontal, both
        if (flip) cv::flip(patch, patch, flip == 1 ? 0 : flip == 2 ? 1 : -1);
        if (rng.uniform(0, 2)) cv::transpose(patch, patch);
        if (colourJitter) jitterColours(patch, rng);
        toBlob(patch, batch, i);
    }
}

void toBlob(const cv::Mat& bgr, cv::Mat& blob, int row) {
    CV_Assert(bgr.type() == CV_8UC3 && blob.dims == 4 && blob.size[1] == 3 && blob.size[2] == bgr.rows &&
              blob.size[3] == bgr.cols);
    const int plane = bgr.rows * bgr.cols;
    float* out = blob.ptr<float>(row);
    std::vector<cv::Mat> planes{cv::Mat(bgr.rows, bgr.cols, CV_32F, out),
                                cv::Mat(bgr.rows, bgr.cols, CV_32F, out + plane),
                                cv::Mat(bgr.rows, bgr.cols, CV_32F, out + 2 * plane)};
    cv::Mat f;
    bgr.convertTo(f, CV_32FC3, 1.0 / 255);
    cv::split(f, planes);
}

PhotoSplit loadRecipePhotos(const std::string& spec, const Recipe& r) {
    PhotoSplit split = loadPhotos(spec, r.splitSide > 0 ? r.splitSide : r.patch, 5, r.maxPhotoSide);
    const auto dropSmall = [&](std::vector<cv::Mat>& photos, std::vector<std::string>& names) {
        for (size_t i = photos.size(); i-- > 0;)
            if (photos[i].rows < r.patch || photos[i].cols < r.patch) {
                photos.erase(photos.begin() + static_cast<std::ptrdiff_t>(i));
                if (i < names.size()) names.erase(names.begin() + static_cast<std::ptrdiff_t>(i));
            }
    };
    dropSmall(split.train, split.trainNames);
    dropSmall(split.validation, split.validationNames);
    return split;
}

}  // namespace aecv::train
