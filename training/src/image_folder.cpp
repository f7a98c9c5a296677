// aecv: autoencoders for OpenCV.
#include "image_folder.hpp"

#include <algorithm>
#include <filesystem>

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

void samplePatches(const std::vector<cv::Mat>& photos, int n, int size, cv::RNG& rng, cv::Mat& batch) {
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
        const int x = rng.uniform(0, photo.cols - size + 1), y = rng.uniform(0, photo.rows - size + 1);
        photo(cv::Rect(x, y, size, size)).copyTo(patch);
        const int flip = rng.uniform(0, 4);  // none, vertical, horizontal, both
        if (flip) cv::flip(patch, patch, flip == 1 ? 0 : flip == 2 ? 1 : -1);
        if (rng.uniform(0, 2)) cv::transpose(patch, patch);
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

}  // namespace aecv::train
