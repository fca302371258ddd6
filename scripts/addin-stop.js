#!/usr/bin/env node
/**
 * `npm stop`: ends the dev server that `npm start` began (its process group, from the pid file) and
 * removes the sideloaded manifest (macOS wef folder / Windows registry value).
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { PID_FILE, WIN_KEY, macWefDir, manifestId } = require("./addin-start");

function stopServer() {
  if (!fs.existsSync(PID_FILE)) {
    console.log("No dev server recorded (.tmp/dev-server.pid missing).");
    return;
  }
  const pid = Number(fs.readFileSync(PID_FILE, "utf8"));
  fs.unlinkSync(PID_FILE);
  if (!(pid > 0)) return;
  try {
    // start.js spawned it detached: it leads its own process group.
    process.kill(process.platform === "win32" ? pid : -pid, "SIGTERM");
    console.log(`Stopped the dev server (pid ${pid}).`);
  } catch {
    console.log(`The dev server (pid ${pid}) was not running.`);
  }
}

function unsideload() {
  const id = manifestId();
  if (process.platform === "darwin") {
    const file = path.join(macWefDir(), `${id}.manifest.xml`);
    if (fs.existsSync(file)) {
      fs.unlinkSync(file);
      console.log(`Removed ${file}`);
    }
  } else if (process.platform === "win32") {
    try {
      execFileSync("reg", ["delete", WIN_KEY, "/v", id, "/f"], { stdio: "ignore" });
      console.log(`Removed ${WIN_KEY}\\${id}`);
    } catch {
      // not sideloaded
    }
  } else {
    console.log(
      "In Excel on the web, remove the add-in from Home > Add-ins > My Add-ins if wanted.",
    );
  }
}

stopServer();
unsideload();
