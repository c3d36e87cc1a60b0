package hudson.util;

import java.util.ArrayList;

/**
 * The options of a drop-down list, returned by {@code doFill...Items} web methods.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/util/ListBoxModel.java (public class extends ArrayList&lt;ListBoxModel.Option&gt;;
 * public ListBoxModel(); public void add(String displayName, String value) appending an Option; nested
 * public static final class Option with public fields String name, String value, boolean selected and constructors
 * (String), (String, String), (String, String, boolean)). The real class also implements Stapler's HttpResponse
 * (not declared).
 */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {

    public ListBoxModel() {
    }

    public void add(String displayName, String value) {
        add(new Option(displayName, value));
    }

    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(String name) {
            this(name, name, false);
        }

        public Option(String name, String value) {
            this(name, value, false);
        }

        public Option(String name, String value, boolean selected) {
            this.name = name;
            this.value = value;
            this.selected = selected;
        }
    }
}
