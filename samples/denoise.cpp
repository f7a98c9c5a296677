// aecv: autoencoders for OpenCV.
// aecv-denoise: the learned denoiser on live video (webcam, video file or image).
//   aecv-denoise                      camera 0, or vtest.avi from opencv-doc when there is none
//   aecv-denoise --add-noise 25       add Gaussian noise first, to see the filter work on clean video
//   aecv-denoise --input in.avi --headless --output out.avi
#include <aecv/aecv.hpp>
#include <aecv/denoiser.hpp>

#include <boost/program_options.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/highgui.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>

namespace po = boost::program_options;

namespace {

const char* kFallbackVideo = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
std::atomic<bool> interrupted{false};

struct Options {
    int camera = 0;
    std::string input, output, model;
    double noise = 0;
    bool headless = false;
    int frames = 0;
    uint64_t seed = 1;
};

bool isImageFile(const std::string& path) { return !path.empty() && cv::haveImageReader(path); }

cv::Mat addNoise(const cv::Mat& frame, double sigma, cv::RNG& rng) {
    cv::Mat noise(frame.size(), CV_32FC(frame.channels())), f, noisy;
    rng.fill(noise, cv::RNG::NORMAL, 0, sigma);
    frame.convertTo(f, noise.type());
    f += noise;
    f.convertTo(noisy, frame.type());  // rounded and clipped to 0..255, like a real 8-bit frame
    return noisy;
}

int run(const Options& o) {
    std::signal(SIGINT, [](int) { interrupted = true; });
    aecv::Denoiser denoiser = o.model.empty() ? aecv::Denoiser() : aecv::Denoiser(o.model);
    cv::RNG rng(o.seed);

    if (isImageFile(o.input)) {  // one picture
        const cv::Mat image = cv::imread(o.input, cv::IMREAD_UNCHANGED);
        if (image.empty()) throw std::runtime_error("cannot read '" + o.input + "'");
        const cv::Mat in = o.noise > 0 ? addNoise(image, o.noise, rng) : image;
        cv::Mat out;
        denoiser.apply(in, out);
        if (o.noise > 0)
            std::cout << cv::format("PSNR noisy %.2f dB, denoised %.2f dB\n", cv::PSNR(image, in), cv::PSNR(image, out));
        if (!o.output.empty() && !cv::imwrite(o.output, out)) throw std::runtime_error("cannot write '" + o.output + "'");
        if (!o.headless) {
            cv::Mat both;
            cv::hconcat(in, out, both);
            cv::imshow("aecv-denoise: input | output", both);
            cv::waitKey(0);
        }
        return 0;
    }

    cv::VideoCapture capture;
    const bool camera = o.input.empty();
    std::string source = o.input;
    if (camera) {
        const auto level = cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
        capture.open(o.camera);  // without OpenCV's backend warnings when there is no camera
        cv::utils::logging::setLogLevel(level);
        source = "camera " + std::to_string(o.camera);
        if (!capture.isOpened()) {
            std::cout << "no " << source << "; playing " << kFallbackVideo << " instead\n";
            source = kFallbackVideo;
            capture.open(source);
        }
    } else {
        capture.open(source);
    }
    if (!capture.isOpened()) throw std::runtime_error("cannot open '" + source + "'");

    cv::VideoWriter writer;
    const bool window = !o.headless;
    const std::string title = "aecv-denoise: input | output (q to quit)";
    cv::Mat frame, in, out, both;
    int count = 0;
    double psnrIn = 0, psnrOut = 0, seconds = 0;
    while (!interrupted && (o.frames == 0 || count < o.frames)) {
        if (!capture.read(frame) || frame.empty()) {
            if (camera && source != kFallbackVideo)
                std::cerr << source << " stopped delivering frames after " << count << " frames\n";
            break;
        }
        in = o.noise > 0 ? addNoise(frame, o.noise, rng) : frame;
        const auto start = std::chrono::steady_clock::now();
        denoiser.apply(in, out);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ++count;
        if (o.noise > 0) {
            psnrIn += cv::PSNR(frame, in);
            psnrOut += cv::PSNR(frame, out);
        }
        if (!o.output.empty()) {
            if (!writer.isOpened() &&
                !writer.open(o.output, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 25.0, out.size()))
                throw std::runtime_error("cannot write '" + o.output + "'");
            writer.write(out);
        }
        if (window) {
            cv::hconcat(in, out, both);
            cv::putText(both, cv::format("%.1f fps", count / seconds), {10, 25}, cv::FONT_HERSHEY_SIMPLEX, 0.7,
                        cv::Scalar(0, 255, 0), 2);
            cv::imshow(title, both);
            const int key = cv::waitKey(1);
            if (key == 'q' || key == 27) break;
        }
    }
    std::cout << cv::format("%d frames, %.1f frames/s (filter only)", count, count / std::max(seconds, 1e-9));
    if (o.noise > 0 && count > 0)
        std::cout << cv::format("; PSNR noisy %.2f dB, denoised %.2f dB", psnrIn / count, psnrOut / count);
    std::cout << std::endl;
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    po::options_description options("aecv-denoise: remove noise from video or an image with aecv's learned "
                                    "denoiser\n\noptions");
    options.add_options()
        ("help,h", "show this help")
        ("camera", po::value(&o.camera)->default_value(0), "webcam index (used without --input)")
        ("input", po::value(&o.input), "a video or image file instead of the camera")
        ("model", po::value(&o.model), "an aecv denoise model (default: the shipped one)")
        ("add-noise", po::value(&o.noise)->default_value(0), "add Gaussian noise of this sigma (0..255) first")
        ("headless", po::bool_switch(&o.headless), "no window")
        ("output", po::value(&o.output), "write the denoised video (MJPG .avi) or image here")
        ("frames", po::value(&o.frames)->default_value(0), "stop after this many frames (0: at the end)")
        ("seed", po::value(&o.seed)->default_value(1), "seed of the added noise");
    try {
        po::variables_map vm;
        po::store(po::parse_command_line(argc, argv, options), vm);
        po::notify(vm);
        if (vm.count("help")) {
            std::cout << options << "\n";
            return 0;
        }
        if (o.noise < 0 || o.frames < 0) throw po::error("--add-noise and --frames must not be negative");
        if (!o.headless && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) {
            std::cout << "no display: running headless" << (o.output.empty() ? " (add --output FILE to keep the result)" : "")
                      << "\n";
            o.headless = true;
        }
    } catch (const po::error& e) {
        std::cerr << "error: " << e.what() << " (see aecv-denoise --help)\n";
        return 2;
    }
    try {
        return run(o);
    } catch (const cv::Exception& e) {
        std::cerr << "error: " << e.err << "\n";
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
    }
    return 1;
}
