package io.jenkins.plugins.mlpipeline.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesAndMessagesTest {

    @Test
    void entryNamesLoseDotSegmentsAndEmptySegments() throws OutputRejectedException {
        assertThat(EntryNames.segments("./")).isEmpty();
        assertThat(EntryNames.segments(".")).isEmpty();
        assertThat(EntryNames.segments("./a/./b//c/")).containsExactly("a", "b", "c");
        assertThat(EntryNames.segments("ünïcödé/😀.bin")).containsExactly("ünïcödé", "😀.bin");
        assertThat(EntryNames.segments("..hidden/x..y")).containsExactly("..hidden", "x..y");
    }

    @Test
    void segmentLengthIsCountedInUtf8Bytes() throws OutputRejectedException {
        assertThat(EntryNames.segments("é".repeat(127))).hasSize(1); // 254 bytes
        assertThatThrownBy(() -> EntryNames.segments("é".repeat(128)))
                .hasMessageContaining("longer than 255 bytes");
    }

    @Test
    void linkTargetsAreCheckedRelativeToTheLinkForSymlinksAndToTheRootForHardLinks()
            throws OutputRejectedException {
        List<String> link = List.of("a", "b", "link");
        EntryNames.checkLinkTarget("./a/b/link", link, "../../x", true);
        assertThatThrownBy(() -> EntryNames.checkLinkTarget("./a/b/link", link, "../../../x", true))
                .hasMessageContaining("outside the output directory");
        // A hard link's target is an archive member name, so '..' starts from the root.
        assertThatThrownBy(() -> EntryNames.checkLinkTarget("./a/b/link", link, "../x", false))
                .hasMessageContaining("is a hard link to '../x', which is outside the output directory");
        assertThatThrownBy(() -> EntryNames.checkLinkTarget("./a/b/link", link, "", true))
                .hasMessageContaining("has no target");
    }

    @Test
    void bytesAreShownInBinaryUnits() {
        assertThat(Messages.bytes(0)).isEqualTo("0 bytes");
        assertThat(Messages.bytes(1)).isEqualTo("1 byte");
        assertThat(Messages.bytes(1023)).isEqualTo("1023 bytes");
        assertThat(Messages.bytes(1024)).isEqualTo("1 KiB");
        assertThat(Messages.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Messages.bytes(10L << 30)).isEqualTo("10 GiB");
        assertThat(Messages.bytes(Long.MAX_VALUE)).isEqualTo("8 EiB");
        assertThat(Messages.count(100_001)).isEqualTo("100,001");
        assertThat(Messages.bytesExactly(10L << 30)).isEqualTo("10 GiB");
        assertThat(Messages.bytesExactly(1000)).isEqualTo("1000 bytes");
        assertThat(Messages.bytesExactly(8000)).isEqualTo("7.8 KiB (8,000 bytes)");
        assertThat(Messages.bytesExactly((1L << 20) + 1)).isEqualTo("1 MiB (1,048,577 bytes)");
        assertThat(Messages.bytesExactly(Long.MAX_VALUE)).isEqualTo("8 EiB (9,223,372,036,854,775,807 bytes)");
    }

    @Test
    void quotedTextIsCutAndHasNoRawControlCharacters() {
        assertThat(Messages.quoted("a\nb\u0000c")).isEqualTo("'a\\u000ab\\u0000c'");
        assertThat(Messages.quoted("x".repeat(500))).hasSize(205).endsWith("...'");
    }

    @Test
    void valueTypesCheckTheirFields() {
        assertThatThrownBy(() -> new OutputFile("./a", 1, "0".repeat(64))).hasMessageContaining("path");
        assertThatThrownBy(() -> new OutputFile("a", -1, "0".repeat(64))).hasMessageContaining("size of 'a'");
        assertThatThrownBy(() -> new OutputFile("a", 1, "A".repeat(64))).hasMessageContaining("sha256 of 'a'");
        assertThatThrownBy(() -> new RemoteModel("s3://b/m", "xyz")).hasMessageContaining("sha256 of 's3://b/m'");
    }
}
