// aecv: autoencoders for OpenCV.
#include "corruption.hpp"

#include <iterator>

#include <opencv2/imgproc.hpp>

#include "ops/dropout.hpp"
#include "ops/gaussian_noise.hpp"

namespace aecv::train {

namespace {

template <typename OpT>
class OpCorruption final : public Corruption {
public:
    OpCorruption(float amount, uint64_t seed) : op_(amount, seed) {}
    void apply(const cv::Mat& clean, cv::Mat& corrupted) override {
        op_.forward({clean}, corrupted, ops::Phase::Training);
    }
    cv::RNG& rng() override { return op_.rng(); }

private:
    OpT op_;
};

class BlindGaussian final : public Corruption {
public:
    BlindGaussian(float lo, float hi, uint64_t seed) : lo_(lo), hi_(hi), rng_(seed) {}
    void apply(const cv::Mat& clean, cv::Mat& corrupted) override {
        ops::ensureTensor(corrupted, ops::shapeOf(clean));
        const int n = clean.size[0];
        const size_t perSample = clean.total() / static_cast<size_t>(n);
        for (int i = 0; i < n; ++i) {
            const double sigma = rng_.uniform(static_cast<double>(lo_), static_cast<double>(hi_));
            cv::Mat noise(1, static_cast<int>(perSample), CV_32F, corrupted.ptr<float>(i));
            rng_.fill(noise, cv::RNG::NORMAL, 0.0, sigma);
            const cv::Mat x(1, static_cast<int>(perSample), CV_32F, const_cast<float*>(clean.ptr<float>(i)));
            noise += x;
        }
        cv::Mat flat = corrupted.reshape(1, 1);
        cv::max(flat, 0.0, flat);
        cv::min(flat, 1.0, flat);
    }
    cv::RNG& rng() override { return rng_; }

private:
    float lo_, hi_;
    cv::RNG rng_;
};

class Watermark final : public Corruption {
public:
    explicit Watermark(uint64_t seed) : rng_(seed) {}
    void apply(const cv::Mat& clean, cv::Mat& corrupted) override {
        CV_Assert(clean.dims == 4 && clean.size[1] == 3);
        ops::ensureTensor(corrupted, ops::shapeOf(clean));
        const int h = clean.size[2], w = clean.size[3];
        cv::Mat mask(h, w, CV_8UC1), alpha;
        for (int i = 0; i < clean.size[0]; ++i) {
            drawMark(mask);
            mask.convertTo(alpha, CV_32F, rng_.uniform(0.25, 0.75) / 255.0);
            const double gray = rng_.uniform(0, 3) == 0 ? 0.0 : 1.0;
            const bool coloured = rng_.uniform(0, 4) == 0;
            for (int c = 0; c < 3; ++c) {
                const double colour = coloured ? rng_.uniform(0.0, 1.0) : gray;
                const cv::Mat x(h, w, CV_32F, const_cast<float*>(clean.ptr<float>(i, c)));
                cv::Mat y(h, w, CV_32F, corrupted.ptr<float>(i, c));
                // y = x + alpha * (colour - x), written into the batch in place
                const cv::Mat diff = colour - x;
                cv::add(x, alpha.mul(diff), y);
            }
        }
    }
    cv::RNG& rng() override { return rng_; }

private:
    void drawMark(cv::Mat& mask) {
        static const char* kWords[] = {"SAMPLE", "PREVIEW", "(c) 2026", "aecv", "DRAFT", "stock photo", "COPY",
                                       "watermark", "photo.example", "@someone", "NOT FOR SALE", "OpenCV"};
        mask.setTo(0);
        const cv::Point2f centre(rng_.uniform(0.f, static_cast<float>(mask.cols)),
                                 rng_.uniform(0.f, static_cast<float>(mask.rows)));
        if (rng_.uniform(0, 4) != 0) {
            const std::string text = kWords[rng_.uniform(0, static_cast<int>(std::size(kWords)))];
            const int font = rng_.uniform(0, 8) | (rng_.uniform(0, 4) == 0 ? cv::FONT_ITALIC : 0);
            const double scale = rng_.uniform(0.35, 1.2);
            const int thickness = rng_.uniform(1, 4);
            int base = 0;
            const cv::Size size = cv::getTextSize(text, font, scale, thickness, &base);
            cv::putText(mask, text, cv::Point(static_cast<int>(centre.x) - size.width / 2, static_cast<int>(centre.y) + size.height / 2),
                        font, scale, 255, thickness, cv::LINE_AA);
            const double angle = rng_.uniform(0, 2) ? rng_.uniform(-45.0, 45.0) : 0.0;
            if (angle != 0.0)
                cv::warpAffine(mask, mask, cv::getRotationMatrix2D(centre, angle, 1.0), mask.size());
        } else {
            const int r = rng_.uniform(6, std::max(7, mask.cols / 4));
            const cv::Point c(static_cast<int>(centre.x), static_cast<int>(centre.y));
            switch (rng_.uniform(0, 4)) {
            case 0: cv::circle(mask, c, r, 255, rng_.uniform(2, 5), cv::LINE_AA); break;
            case 1: cv::circle(mask, c, r, 255, cv::FILLED, cv::LINE_AA); break;
            case 2: cv::rectangle(mask, c - cv::Point(r, r / 2), c + cv::Point(r, r / 2), 255, rng_.uniform(2, 5)); break;
            default:
                cv::line(mask, c - cv::Point(r, 0), c + cv::Point(r, 0), 255, 3, cv::LINE_AA);
                cv::line(mask, c - cv::Point(0, r), c + cv::Point(0, r), 255, 3, cv::LINE_AA);
            }
        }
    }

    cv::RNG rng_;
};

}  // namespace

std::unique_ptr<Corruption> makeCorruption(const Recipe& r, uint64_t seed) {
    switch (r.corruption) {
    case CorruptionKind::None: return nullptr;
    case CorruptionKind::Gaussian: return std::make_unique<OpCorruption<ops::GaussianNoise>>(r.corruptionAmount, seed);
    case CorruptionKind::Dropout: return std::make_unique<OpCorruption<ops::Dropout>>(r.corruptionAmount, seed);
    case CorruptionKind::Blind: return std::make_unique<BlindGaussian>(r.noiseLow, r.noiseHigh, seed);
    case CorruptionKind::Watermark: return std::make_unique<Watermark>(seed);
    }
    return nullptr;
}

}  // namespace aecv::train
