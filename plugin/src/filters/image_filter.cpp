// aecv: autoencoders for OpenCV.
#include "filters/image_filter.hpp"

#include <aecv/aecv.hpp>

#include <opencv2/imgproc.hpp>

#include <cstdlib>

#include "model/model.hpp"

namespace aecv::filters {

void ImageFilter::readModel(const std::string& path) {
    registerLayers();
    const model::Model m = model::readOnnx(path);
    const auto task = m.metadata.find("task");
    const std::string found = task == m.metadata.end() ? "(none)" : task->second;
    if (found != task_)
        CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' is a model for task '%s'; expected a '%s' model",
                 owner_.c_str(), path.c_str(), found.c_str(), task_.c_str()));
    if (m.inputShape.size() != 4 || m.inputShape[1] != 3)
        CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' takes input %s; expected 3-channel images",
                 owner_.c_str(), path.c_str(), ops::toString(m.inputShape).c_str()));
    const auto multiple = m.metadata.find("size_multiple");
    multiple_ = 1;
    if (multiple != m.metadata.end()) {
        char* end = nullptr;
        const long value = std::strtol(multiple->second.c_str(), &end, 10);
        if (multiple->second.empty() || *end != '\0' || value < 1 || value > 1024)
            CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' has size_multiple '%s'; expected a whole "
                     "number from 1 to 1024", owner_.c_str(), path.c_str(), multiple->second.c_str()));
        multiple_ = static_cast<int>(value);
    }
    net_ = cv::dnn::readNetFromONNX(path);
}

void ImageFilter::setTileSize(int size) {
    if (size < 64)
        CV_Error(cv::Error::StsOutOfRange, cv::format("%s::setTileSize: %d; expected at least 64", owner_.c_str(), size));
    tile_ = size;
}

cv::Mat ImageFilter::runTile(const cv::Mat& bgr) {
    const int padH = (multiple_ - bgr.rows % multiple_) % multiple_, padW = (multiple_ - bgr.cols % multiple_) % multiple_;
    cv::Mat padded = bgr;
    if (padH || padW) cv::copyMakeBorder(bgr, padded, 0, padH, 0, padW, cv::BORDER_REFLECT_101);
    net_.setInput(cv::dnn::blobFromImage(padded));
    std::vector<cv::Mat> images;
    cv::dnn::imagesFromBlob(net_.forward(), images);
    return images[0](cv::Rect(0, 0, bgr.cols, bgr.rows));
}

cv::Mat ImageFilter::filterBgr(const cv::Mat& bgr) {
    if (bgr.rows <= tile_ + 2 * overlap_ && bgr.cols <= tile_ + 2 * overlap_) return runTile(bgr).clone();
    cv::Mat out(bgr.size(), CV_32FC3);
    for (int y = 0; y < bgr.rows; y += tile_)
        for (int x = 0; x < bgr.cols; x += tile_) {
            const cv::Rect core(x, y, std::min(tile_, bgr.cols - x), std::min(tile_, bgr.rows - y));
            const cv::Rect context = cv::Rect(core.x - overlap_, core.y - overlap_, core.width + 2 * overlap_,
                                              core.height + 2 * overlap_) & cv::Rect(0, 0, bgr.cols, bgr.rows);
            const cv::Mat result = runTile(bgr(context));
            result(cv::Rect(core.x - context.x, core.y - context.y, core.width, core.height)).copyTo(out(core));
        }
    return out;
}

void ImageFilter::apply(cv::InputArray srcArray, cv::OutputArray dst) {
    if (net_.empty())
        CV_Error(cv::Error::StsError, cv::format("%s::apply: no model; call readModel() first", owner_.c_str()));
    const cv::Mat src = srcArray.getMat();
    if (src.empty()) CV_Error(cv::Error::StsBadArg, cv::format("%s::apply: the image is empty", owner_.c_str()));
    const int depth = src.depth(), channels = src.channels();
    if ((depth != CV_8U && depth != CV_32F) || (channels != 1 && channels != 3 && channels != 4))
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("%s::apply: the image has type %s; expected CV_8UC1, "
                 "CV_8UC3, CV_8UC4, or CV_32F with 1, 3 or 4 channels in [0, 1]", owner_.c_str(),
                 cv::typeToString(src.type()).c_str()));

    // To BGR float in [0, 1]; alpha kept aside.
    cv::Mat bgr, alpha, scaled;
    src.convertTo(scaled, CV_MAKETYPE(CV_32F, channels), depth == CV_8U ? 1.0 / 255 : 1.0);
    if (channels == 1) cv::cvtColor(scaled, bgr, cv::COLOR_GRAY2BGR);
    else if (channels == 3) bgr = scaled;
    else {
        cv::cvtColor(scaled, bgr, cv::COLOR_BGRA2BGR);
        cv::extractChannel(src, alpha, 3);
    }

    cv::Mat out = filterBgr(bgr);
    cv::Mat result;
    if (channels == 1) cv::cvtColor(out, result, cv::COLOR_BGR2GRAY);
    else if (channels == 3) result = out;
    else {
        std::vector<cv::Mat> planes;
        cv::split(out, planes);
        cv::Mat a;
        alpha.convertTo(a, CV_32F, depth == CV_8U ? 1.0 / 255 : 1.0);
        planes.push_back(a);
        cv::merge(planes, result);
    }
    if (depth == CV_8U) result.convertTo(dst, src.type(), 255.0);  // saturating, rounded
    else {
        cv::Mat clipped = cv::max(cv::min(result, 1.0), 0.0);
        clipped.copyTo(dst);
    }
}

}  // namespace aecv::filters
