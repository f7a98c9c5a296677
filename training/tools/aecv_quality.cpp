// aecv: autoencoders for OpenCV.
// aecv-quality: how well a trained image filter restores photos it never saw, against the
// classical method for the task, on the photos the image presets hold out of training.
//   aecv-quality denoise     noisy vs cv::fastNlMeansDenoisingColored (best h) vs aecv::Denoiser
//   aecv-quality watermark   watermarked vs cv::inpaint (given the true mask) vs aecv::WatermarkRemover
#include <aecv/aecv.hpp>
#include <aecv/denoiser.hpp>
#include <aecv/watermark.hpp>

#include <boost/program_options.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include <array>
#include <cmath>
#include <iostream>

#include "cli.hpp"
#include "image_folder.hpp"
#include "presets.hpp"

namespace po = boost::program_options;

namespace {

using aecv::cli::UsageError;

struct Options {
    std::string task, model, data = "/usr/share/doc/opencv-doc/examples/data";
    std::vector<double> sigmas{15, 25, 50};
    int maxWidth = 640, marks = 3;
    uint64_t seed = 1;
};

// The held-out photos of the task's preset, scaled to at most `maxWidth` pixels wide.
std::vector<cv::Mat> heldOutPhotos(const Options& o, const std::string& preset) {
    const aecv::train::Recipe recipe = aecv::train::makeRecipe(preset, 42);
    std::vector<cv::Mat> photos = aecv::train::loadPhotoFolder(o.data, recipe.patch).validation;
    for (cv::Mat& p : photos)
        if (p.cols > o.maxWidth) cv::resize(p, p, {}, double(o.maxWidth) / p.cols, double(o.maxWidth) / p.cols, cv::INTER_AREA);
    std::cout << photos.size() << " held-out photos from " << o.data << " (every fifth by name), at most "
              << o.maxWidth << " px wide\n\n";
    return photos;
}

cv::Mat addNoise(const cv::Mat& image, double sigma, uint64_t seed) {
    cv::Mat noise(image.size(), CV_32FC3), f, noisy;
    cv::RNG(seed).fill(noise, cv::RNG::NORMAL, 0, sigma);
    image.convertTo(f, CV_32FC3);
    f += noise;
    f.convertTo(noisy, CV_8UC3);  // rounded and clipped, like a real 8-bit picture
    return noisy;
}

void denoise(const Options& o) {
    aecv::Denoiser denoiser = o.model.empty() ? aecv::Denoiser() : aecv::Denoiser(o.model);
    const std::vector<cv::Mat> photos = heldOutPhotos(o, "image-denoise");
    const std::vector<double> factors{0.4, 0.6, 0.8, 1.0};
    std::cout << "| sigma (of 255) | noisy | cv::fastNlMeansDenoisingColored | aecv Denoiser |\n|---|---|---|---|\n";
    for (double sigma : o.sigmas) {
        double noisy = 0, aecv = 0;
        std::vector<double> nlm(factors.size(), 0.0);
        for (size_t i = 0; i < photos.size(); ++i) {
            const cv::Mat in = addNoise(photos[i], sigma, o.seed + i);
            cv::Mat out;
            denoiser.apply(in, out);
            noisy += cv::PSNR(photos[i], in);
            aecv += cv::PSNR(photos[i], out);
            for (size_t f = 0; f < factors.size(); ++f) {
                const float h = static_cast<float>(factors[f] * sigma);
                cv::fastNlMeansDenoisingColored(in, out, h, h, 7, 21);
                nlm[f] += cv::PSNR(photos[i], out);
            }
        }
        const size_t best = static_cast<size_t>(std::max_element(nlm.begin(), nlm.end()) - nlm.begin());
        const double n = static_cast<double>(photos.size());
        std::cout << cv::format("| %g | %.2f dB | %.2f dB (h = %.1f sigma) | %.2f dB |\n", sigma, noisy / n,
                                nlm[best] / n, factors[best], aecv / n)
                  << std::flush;
    }
}

// PSNR over the pixels where `mask` is set only.
double maskedPsnr(const cv::Mat& clean, const cv::Mat& restored, const cv::Mat& mask) {
    const double n = 3.0 * cv::countNonZero(mask);
    const double sse = std::pow(cv::norm(clean, restored, cv::NORM_L2, mask), 2);
    return n == 0 || sse == 0 ? 100.0 : 10 * std::log10(255.0 * 255.0 * n / sse);
}

void watermark(const Options& o) {
    aecv::WatermarkRemover remover = o.model.empty() ? aecv::WatermarkRemover() : aecv::WatermarkRemover(o.model);
    const std::vector<cv::Mat> photos = heldOutPhotos(o, "image-watermark");
    // whole photo, then inside the marks: watermarked, inpaint TELEA, inpaint NS, aecv
    std::array<double, 4> whole{}, inside{};
    for (size_t i = 0; i < photos.size(); ++i) {
        // `marks` random watermarks per photo, drawn as in training, each on its own 96x96 window
        cv::RNG rng(o.seed + i);
        cv::Mat in = photos[i].clone(), alpha = cv::Mat::zeros(in.size(), CV_32F), a;
        for (int m = 0; m < o.marks; ++m) {
            const cv::Rect window(rng.uniform(0, std::max(1, in.cols - 95)), rng.uniform(0, std::max(1, in.rows - 95)),
                                  std::min(96, in.cols), std::min(96, in.rows));
            aecv::Watermark mark = aecv::Watermark::random(window.size(), rng);
            mark.centre += cv::Point2f(window.tl());
            aecv::addWatermark(in, in, mark, a);
            alpha = cv::max(alpha, a);
        }
        const cv::Mat mask = alpha > 0;
        std::array<cv::Mat, 4> results;
        results[0] = in;
        cv::inpaint(in, mask, results[1], 3, cv::INPAINT_TELEA);
        cv::inpaint(in, mask, results[2], 3, cv::INPAINT_NS);
        remover.apply(in, results[3]);
        for (size_t k = 0; k < results.size(); ++k) {
            whole[k] += cv::PSNR(photos[i], results[k]);
            inside[k] += maskedPsnr(photos[i], results[k], mask);
        }
    }
    const double n = static_cast<double>(photos.size());
    std::cout << cv::format("%d watermarks per photo (aecv::Watermark::random, seeds %llu..)\n\n", o.marks,
                            static_cast<unsigned long long>(o.seed))
              << "| PSNR | watermarked | cv::inpaint TELEA (true mask) | cv::inpaint NS (true mask) | aecv WatermarkRemover |\n"
              << "|---|---|---|---|---|\n"
              << cv::format("| whole photo | %.2f dB | %.2f dB | %.2f dB | %.2f dB |\n", whole[0] / n, whole[1] / n,
                            whole[2] / n, whole[3] / n)
              << cv::format("| inside the marks | %.2f dB | %.2f dB | %.2f dB | %.2f dB |\n", inside[0] / n,
                            inside[1] / n, inside[2] / n, inside[3] / n);
}

int run(int argc, char** argv) {
    Options o;
    std::string sigmas, precision = "f32";
    int threads = 0;
    po::options_description options("aecv-quality: PSNR of a trained image filter against the classical method, on "
                                     "the photos the image presets hold out of training\n\n"
                                     "usage: aecv-quality denoise|watermark [options]\n\noptions");
    options.add_options()
        ("help,h", "show this help")
        ("task", po::value(&o.task), "denoise | watermark")
        ("model", po::value(&o.model), "the model (default: the shipped one)")
        ("data", po::value(&o.data)->default_value(o.data), "photo folder (the image presets' default)")
        ("sigmas", po::value(&sigmas)->default_value("15,25,50"), "denoise: noise levels (of 255)")
        ("marks", po::value(&o.marks)->default_value(o.marks), "watermark: watermarks per photo")
        ("max-width", po::value(&o.maxWidth)->default_value(o.maxWidth), "scale wider photos down to this")
        ("seed", po::value(&o.seed)->default_value(o.seed), "seed of the noise and the watermarks")
        ("threads", po::value(&threads)->default_value(0), "threads (0: all cores)")
        ("precision", po::value(&precision)->default_value(precision), "the filter's inference: f32 | bf16");
    po::positional_options_description positional;
    positional.add("task", 1);
    const po::variables_map vm = aecv::cli::parseOptions(argc, argv, options, positional);
    if (vm.count("help")) {
        std::cout << options << "\n";
        return 0;
    }
    o.sigmas.clear();
    std::stringstream list(sigmas);
    for (std::string item; std::getline(list, item, ',');) {
        char* end = nullptr;
        const double s = std::strtod(item.c_str(), &end);
        if (item.empty() || *end != '\0' || !(s > 0 && s <= 255)) throw UsageError("--sigmas: '" + item + "' is not a sigma in (0, 255]");
        o.sigmas.push_back(s);
    }
    if (o.maxWidth < 96 || o.marks < 1) throw UsageError("--max-width must be at least 96 and --marks at least 1");
    if (precision != "f32" && precision != "bf16") throw UsageError("--precision is '" + precision + "'; expected f32 or bf16");
    aecv::setNumThreads(threads);
    aecv::setPrecision(precision == "bf16" ? aecv::Precision::BF16 : aecv::Precision::F32);
    if (o.task == "denoise") denoise(o);
    else if (o.task == "watermark") watermark(o);
    else throw UsageError("the task is '" + o.task + "'; expected denoise or watermark");
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return aecv::cli::guardedMain("aecv-quality", [&] { return run(argc, argv); }); }
