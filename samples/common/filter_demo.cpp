// aecv: autoencoders for OpenCV.
#include "filter_demo.hpp"

#include "sample_main.hpp"

#include <aecv/aecv.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/highgui.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace po = boost::program_options;

namespace aecv::samples {

const char* const kFallbackVideo = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

namespace {

std::atomic<bool> interrupted{false};

bool isImageFile(const std::string& path) { return !path.empty() && cv::haveImageReader(path); }

std::string psnrLine(const FilterDemo& demo, double spoiled, double restored) {
    return cv::format("PSNR %s %.2f dB, %s %.2f dB", demo.spoiledLabel.c_str(), spoiled, demo.restoredLabel.c_str(),
                      restored);
}

cv::Mat sideBySide(const cv::Mat& in, const cv::Mat& out) {
    cv::Mat both;
    cv::hconcat(in, out, both);
    return both;
}

int runOnImage(const FilterDemo& demo, const SourceOptions& o) {
    const cv::Mat image = cv::imread(o.input, cv::IMREAD_UNCHANGED);
    if (image.empty()) throw std::runtime_error("cannot read '" + o.input + "'");
    cv::RNG rng(o.seed);
    const cv::Mat in = demo.spoil ? demo.spoil(image, rng) : image;
    cv::Mat out;
    demo.restore(in, out);
    if (demo.spoil) std::cout << psnrLine(demo, cv::PSNR(image, in), cv::PSNR(image, out)) << "\n";
    if (!o.output.empty() && !cv::imwrite(o.output, o.compare ? sideBySide(in, out) : out)) throw std::runtime_error("cannot write '" + o.output + "'");
    if (!o.headless) {
        cv::imshow(demo.name + ": input | output (any key to quit)", sideBySide(in, out));
        cv::waitKey(0);
    }
    return 0;
}

// Opens --input or the camera (quietly: OpenCV's backends warn when there is none), else vtest.avi.
cv::VideoCapture openVideo(const SourceOptions& o, std::string& source) {
    cv::VideoCapture capture;
    if (!o.input.empty()) {
        source = o.input;
        capture.open(source);
    } else {
        const auto level = cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
        capture.open(o.camera);
        cv::utils::logging::setLogLevel(level);
        source = "camera " + std::to_string(o.camera);
        if (!capture.isOpened()) {
            std::cout << "no " << source << "; playing " << kFallbackVideo << " instead\n";
            source = kFallbackVideo;
            capture.open(source);
        }
    }
    if (!capture.isOpened()) throw std::runtime_error("cannot open '" + source + "'");
    return capture;
}

}  // namespace

void SourceOptions::addTo(po::options_description& options) {
    options.add_options()
        ("camera", po::value(&camera)->default_value(camera), "webcam index (used without --input)")
        ("input", po::value(&input), "a video or image file instead of the camera")
        ("model", po::value(&model), "an aecv model file (default: the shipped one)")
        ("headless", po::bool_switch(&headless), "no window (the default when there is no display)")
        ("output", po::value(&output), "write the result here: a video (MJPG .avi) or an image")
        ("compare", po::bool_switch(&compare), "write input | output side by side to --output")
        ("frames", po::value(&frames)->default_value(frames), "stop after this many frames (0: at the end)")
        ("seed", po::value(&seed)->default_value(seed), "seed of the added corruption")
        ("precision", po::value(&precision)->default_value(precision),
         "auto, f32 or bf16 (about twice as fast, PSNR within 0.05 dB; auto: bf16 where the CPU has "
         "AVX-512 BF16)");
}

void SourceOptions::check() {
    if (frames < 0) throw UsageError(cv::format("--frames is %d; expected 0 or more", frames));
    if (precision != "auto" && precision != "f32" && precision != "bf16")
        throw UsageError("--precision is '" + precision + "'; expected auto, f32 or bf16");
    if (!headless && !haveDisplay()) {
        std::cout << "no display: running headless" << (output.empty() ? " (add --output FILE to keep the result)" : "")
                  << "\n";
        headless = true;
    }
}

int runFilterDemo(const FilterDemo& demo, const SourceOptions& o) {
    std::signal(SIGINT, [](int) { interrupted = true; });
    const bool bf16 = o.precision == "bf16" || (o.precision == "auto" && aecv::hasBf16());
    aecv::setPrecision(bf16 ? aecv::Precision::BF16 : aecv::Precision::F32);
    if (o.precision == "auto")
        std::cout << "precision: " << (bf16 ? "bf16 (this CPU has AVX-512 BF16; --precision f32 for float)" : "f32")
                  << "\n";
    if (isImageFile(o.input)) return runOnImage(demo, o);

    std::string source;
    cv::VideoCapture capture = openVideo(o, source);
    const bool camera = o.input.empty() && source != kFallbackVideo;
    const double fps = capture.get(cv::CAP_PROP_FPS);
    cv::VideoWriter writer;
    const std::string title = demo.name + ": input | output (q to quit)";
    cv::RNG rng(o.seed);
    cv::Mat frame, in, out;
    int count = 0;
    double psnrIn = 0, psnrOut = 0, seconds = 0;
    while (!interrupted && (o.frames == 0 || count < o.frames)) {
        if (!capture.read(frame) || frame.empty()) {
            if (camera) std::cerr << source << " stopped delivering frames after " << count << " frames\n";
            break;
        }
        in = demo.spoil ? demo.spoil(frame, rng) : frame;
        const auto start = std::chrono::steady_clock::now();
        demo.restore(in, out);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ++count;
        if (demo.spoil) {
            psnrIn += cv::PSNR(frame, in);
            psnrOut += cv::PSNR(frame, out);
        }
        if (!o.output.empty()) {
            const cv::Mat written = o.compare ? sideBySide(in, out) : out;
            if (!writer.isOpened() && !writer.open(o.output, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'),
                                                   fps > 0 && fps < 1000 ? fps : 25.0, written.size()))
                throw std::runtime_error("cannot write '" + o.output + "'");
            writer.write(written);
        }
        if (!o.headless) {
            cv::Mat both = sideBySide(in, out);
            cv::putText(both, cv::format("%.1f fps", count / seconds), {10, 25}, cv::FONT_HERSHEY_SIMPLEX, 0.7,
                        cv::Scalar(0, 255, 0), 2);
            cv::imshow(title, both);
            const int key = cv::waitKey(1);
            if (key == 'q' || key == 27) break;
        }
    }
    std::cout << cv::format("%d frames, %.1f frames/s (filter only)", count, count / std::max(seconds, 1e-9));
    if (demo.spoil && count > 0) std::cout << "; " << psnrLine(demo, psnrIn / count, psnrOut / count);
    std::cout << std::endl;
    return 0;
}

}  // namespace aecv::samples
