#include "cli/exit_codes.hpp"

#include <ostream>

#include "cli/args.hpp"
#include "domain/errors.hpp"

namespace sharpline::cli {

int run_with_exit_codes(const std::string& command, std::ostream& out, std::ostream& err,
                        const std::function<int()>& body) {
  try {
    return body();
  } catch (const HelpRequested& help) {
    out << help.text();
    return 0;
  } catch (const UsageError& e) {
    const std::string message = e.what();
    err << (message.starts_with("sharpline") ? "" : command + ": ") << message << "\n";
    return 2;
  } catch (const domain::InvalidInput& e) {
    err << command << ": " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    err << command << ": error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace sharpline::cli
