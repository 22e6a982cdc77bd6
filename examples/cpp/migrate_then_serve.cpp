// Migrates its database, then serves: the schema is current before the first request.
// Built with CMake: find_package(Jetway) and Jetway::jetway (CMakeLists.txt beside it).
// DATABASE_URL (default jdbc:sqlite:app.db), SQL_DIR (default sql), PORT (default 8080).
#include <jetway/jetway.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

static std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

int main() try {
    jetway::engine engine({{"url", env_or("DATABASE_URL", "jdbc:sqlite:app.db")},
                           {"locations", "filesystem:" + env_or("SQL_DIR", "sql")}});
    const jetway::result migrated = engine.migrate();
    std::cout << migrated.json() << std::endl;
    const std::string reply = "HTTP/1.0 200 OK\r\n\r\nschema version " + migrated.target_version() + "\n";

    const int server = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(std::stoi(env_or("PORT", "8080"))));
    if (bind(server, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(server, 16) != 0)
        return std::perror("listen"), 1;
    while (std::getenv("JETWAY_EXAMPLE_ONCE") == nullptr) {
        const int client = accept(server, nullptr, nullptr);
        if (write(client, reply.data(), reply.size()) < 0) std::perror("write");
        close(client);
    }
    close(server);
} catch (const jetway::error& e) {
    std::cout << e.outcome().json() << std::endl;
    std::cerr << "migration failed (" << e.code() << "): " << e.what() << "\n";
    return 1;
}
