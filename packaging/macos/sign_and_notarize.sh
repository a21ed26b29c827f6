#!/usr/bin/env bash
# Sign, notarise and zip Timo.app. Called by packaging/build.py on macOS:
#
#   packaging/macos/sign_and_notarize.sh dist/Timo.app dist/Timo-<version>-macos-<arch>.zip
#
# Driven by environment variables; each step is skipped, with a message, when
# its variables are missing, so a local or fork build still produces a zip.
#
#   MACOS_SIGN_IDENTITY          "Developer ID Application: Name (TEAMID)"
#   MACOS_CERTIFICATE_P12_BASE64 optional (CI): the identity as a base64 .p12,
#   MACOS_CERTIFICATE_PASSWORD   imported into a throw-away keychain
#   APPLE_ID, APPLE_TEAM_ID,     notarisation with an app-specific password
#   APPLE_APP_PASSWORD
set -euo pipefail

app=${1:?usage: $0 path/to/Timo.app output.zip}
zip=${2:?usage: $0 path/to/Timo.app output.zip}
here=$(cd "$(dirname "$0")" && pwd)
entitlements=$here/entitlements.plist

make_zip() {
    rm -f "$zip"
    ditto -c -k --sequesterRsrc --keepParent "$app" "$zip"
}

import_certificate() {
    keychain=$(mktemp -d)/timo-signing.keychain-db
    keychain_password=$(uuidgen)
    trap 'security delete-keychain "$keychain" >/dev/null 2>&1 || true' EXIT
    security create-keychain -p "$keychain_password" "$keychain"
    security set-keychain-settings -lut 3600 "$keychain"
    security unlock-keychain -p "$keychain_password" "$keychain"
    p12=$(dirname "$keychain")/identity.p12
    printf '%s' "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode > "$p12"
    security import "$p12" -k "$keychain" -P "${MACOS_CERTIFICATE_PASSWORD:-}" -T /usr/bin/codesign
    rm -f "$p12"
    security set-key-partition-list -S apple-tool:,apple: -s -k "$keychain_password" "$keychain" >/dev/null
    # shellcheck disable=SC2046  # the list of keychains is split on purpose
    security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
}

sign() {
    local options=(--force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY")
    # Inside out: every Mach-O file, then the Qt frameworks, then the app itself.
    while IFS= read -r -d '' file; do
        if file -b "$file" | grep -q 'Mach-O'; then
            codesign "${options[@]}" "$file"
        fi
    done < <(find "$app/Contents" -type f ! -path '*/Contents/MacOS/timo' -print0)
    while IFS= read -r -d '' framework; do
        codesign "${options[@]}" "$framework"
    done < <(find "$app/Contents" -type d -name '*.framework' -print0)
    codesign "${options[@]}" --entitlements "$entitlements" "$app/Contents/MacOS/timo"
    codesign "${options[@]}" --entitlements "$entitlements" "$app"
    codesign --verify --strict --deep --verbose=2 "$app"
}

notarize() {
    xcrun notarytool submit "$zip" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait --timeout 30m
    xcrun stapler staple "$app"
    xcrun stapler validate "$app"
    spctl --assess --type execute --verbose "$app"
}

if [ -z "${MACOS_SIGN_IDENTITY:-}" ]; then
    echo "Signing skipped: MACOS_SIGN_IDENTITY is not set. The app keeps PyInstaller's ad-hoc"
    echo "signature; macOS will ask people to confirm the first open (right-click → Open)."
    make_zip
    exit 0
fi

if [ -n "${MACOS_CERTIFICATE_P12_BASE64:-}" ]; then
    import_certificate
fi
sign
make_zip

if [ -z "${APPLE_ID:-}" ] || [ -z "${APPLE_TEAM_ID:-}" ] || [ -z "${APPLE_APP_PASSWORD:-}" ]; then
    echo "Notarisation skipped: set APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD to notarise."
    exit 0
fi
notarize
make_zip  # again, so the zip carries the stapled ticket
